"""The escalation queue, and the questions a decider asks a case's recorder from it."""

from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.listing import lazy_page_of, listing_key

from . import questions, selectors
from .filters import EscalationFilter
from .forms import AnswerForm, AskRecorderForm
from .views import CASES_PER_PAGE, _case_action, _posted_case, decide_required, view_required


@decide_required
def escalations(request):
    """Cases waiting for the user's decision, soonest due first, by policy and tier.

    The filters and the rows are read only when the user's queue is not kept in the
    cache (see the template)."""
    filterset = SimpleLazyObject(
        lambda: EscalationFilter(
            request.GET, queryset=selectors.escalations_waiting_for(user=request.user)
        )
    )
    context = {
        "filter": filterset,
        "page_obj": lazy_page_of(request, filterset, per_page=CASES_PER_PAGE),
        "listing_key": listing_key(request),
    }
    return TemplateResponse(request, "exceptions/escalations.html", context)


@require_POST
@decide_required
def ask_question(request, pk):
    form = AskRecorderForm(request.POST, case=_posted_case(pk))

    def ask(case, data):
        questions.ask_recorder(
            precedent=case,
            decider=request.user,
            question=data["question"],
            expected_change_count=data["seen_change_count"],
        )

    return _case_action(
        request,
        "ask_form",
        form,
        ask,
        _("Question sent. The case is back with its recorder until they answer."),
    )


@require_POST
@view_required
def answer_question(request, pk):
    form = AnswerForm(request.POST, case=_posted_case(pk))

    def answer(case, data):
        questions.answer_question(
            precedent=case,
            recorder=request.user,
            answer=data["answer"],
            expected_change_count=data["seen_change_count"],
        )

    return _case_action(
        request, "answer_form", form, answer, _("Answer sent. The case is back in the queue.")
    )
