from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from policies.models import PolicyPage
from portal.decorators import allowed_if
from portal.listing import lazy_page_of, listing_key

from . import permissions, selectors, services
from .authority_hint import authority_rules
from .csv_export import case_rows, streamed_csv
from .filters import PrecedentFilter
from .forms import (
    AnswerForm,
    AskRecorderForm,
    CaseActionForm,
    ChoosePolicyForm,
    DecideForm,
    EditCaseForm,
    FollowUpForm,
    RecordCaseForm,
    SimilarCasesForm,
    WithdrawForm,
    add_refusal,
)
from .models import Precedent
from .rulebook import NeedsEscalation
from .similar import kept_similar_cases

CASES_PER_PAGE = 25


view_required = allowed_if(permissions.may_view_cases)
record_required = allowed_if(permissions.may_record)
decide_required = allowed_if(permissions.may_decide_escalations)


@view_required
def case_list(request):
    filterset = PrecedentFilter(
        request.GET, queryset=selectors.case_list_queryset(), request=request
    )
    context = {
        "filter": filterset,
        "cases": lazy_page_of(request, filterset, per_page=CASES_PER_PAGE),
        "listing_key": listing_key(request, personal=("mine",)),
    }
    return TemplateResponse(request, "exceptions/precedent_list.html", context)


@view_required
def case_export(request):
    """The filtered case list as CSV: exactly the rows the same filters show.

    Filters that name nothing (a link edited by hand) are answered with what is
    wrong with each, not with an empty file that looks like "no cases".
    """
    filterset = PrecedentFilter(
        request.GET, queryset=selectors.case_list_queryset(), request=request
    )
    if not filterset.is_valid():
        problems = [
            f"{filterset.form.fields[name].label or name}: {' '.join(errors)}"
            for name, errors in filterset.errors.items()
        ]
        return HttpResponseBadRequest(
            _("These filters cannot export cases:") + "\n" + "\n".join(problems),
            content_type="text/plain; charset=utf-8",
        )
    stamp = timezone.localdate().isoformat()
    return streamed_csv(case_rows(filterset.qs), filename=f"cases-{stamp}.csv")


@record_required
def record_case(request):
    policy_id = request.POST.get("policy") or request.GET.get("policy")
    if not policy_id:
        return TemplateResponse(
            request, "exceptions/choose_policy.html", {"form": ChoosePolicyForm()}
        )
    chooser = ChoosePolicyForm({"policy": policy_id})
    if not chooser.is_valid():
        return TemplateResponse(request, "exceptions/choose_policy.html", {"form": chooser})
    policy = PolicyPage.objects.live().get(pk=chooser.cleaned_data["policy"].pk)
    form = RecordCaseForm(request.POST or None, policy=policy)
    escalation = repeat = None
    if request.method == "POST" and form.is_valid():
        try:
            case = services.record_precedent(
                policy=policy,
                recorder=request.user,
                path=form.path,
                requested=form.requested,
                amount=form.cleaned_data["amount"],
                situation=form.cleaned_data["situation"],
                rationale=form.cleaned_data["rationale"],
                channel=form.cleaned_data["channel"],
                tags=form.cleaned_data["tags"],
                escalate="escalate" in request.POST
                or request.POST.get("record_again") == "escalate",
                submission_token=form.cleaned_data["submission_token"],
                ask_before_repeating="record_again" not in request.POST,
            )
        except services.AlreadyRecorded as sent_before:
            messages.info(
                request,
                _(
                    "This form was already sent, and recorded this case; it was not recorded "
                    "twice. To record another case, start a new form."
                ),
            )
            return redirect(sent_before.case)
        except services.RecordedLately as lately:
            repeat = lately.case
        except NeedsEscalation as needed:
            escalation = needed
            form.add_error("decision", needed.message)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            if case.is_escalated:
                messages.success(
                    request,
                    _(
                        "Case escalated to %(tier)s. You will get an email when it is decided, "
                        "and see the decision on your home page."
                    )
                    % {"tier": case.get_escalated_to_tier_display().lower()},
                )
            else:
                messages.success(request, _("Case recorded."))
            return redirect(case)
    return TemplateResponse(
        request,
        "exceptions/precedent_form.html",
        {
            "form": form,
            "policy": policy,
            "escalation": escalation,
            "repeat": repeat,
            "escalating": "escalate" in request.POST,
            "authority_rules": authority_rules(form=form, user=request.user),
        },
    )


@view_required
def case_detail(request, pk):
    case = selectors.kept_case(pk)
    if case is None:
        raise Http404
    services.mark_decision_seen(precedent=case, user=request.user)
    return _case_page(request, case)


def _case_page(
    request, case, *, sent_form: tuple[str, CaseActionForm] | None = None, conflict=None
):
    """The case page, with its forms for what the user may do; `sent_form` (a context
    name and a form) is a form the user sent that is shown again with its errors."""
    user = request.user
    forms: dict[str, CaseActionForm | None] = {
        "decide_form": None,
        "follow_up_form": FollowUpForm(
            case=case, initial={"result": case.follow_up_result, "notes": case.follow_up_notes}
        ),
        "withdraw_form": WithdrawForm(case=case),
        "ask_form": AskRecorderForm(case=case),
        "answer_form": AnswerForm(case=case),
    }
    can_decide = permissions.may_decide(user, case)
    if can_decide:
        forms["decide_form"] = DecideForm(
            case=case,
            terms=services.case_terms(case),
            decider_tier=permissions.user_tier(user),
        )
    if sent_form is not None:
        forms[sent_form[0]] = sent_form[1]
    waiting = case.is_escalated and not case.is_withdrawn
    context = {
        "case": case,
        # Read only when the case's facts are not kept in the cache (see the template).
        "tags": SimpleLazyObject(lambda: list(case.tags.all())),
        "versions": SimpleLazyObject(lambda: selectors.case_versions(precedent=case)),
        "can": {
            "decide": can_decide,
            "edit": permissions.may_edit(user, case),
            "follow_up": permissions.may_follow_up(user, case),
            "withdraw": permissions.may_withdraw(user, case),
            "ask": permissions.may_ask(user, case),
            "answer": permissions.may_answer(user, case),
        },
        # A decider who may not decide this waiting case is told why (they raised it, say).
        "decide_refusal": permissions.decide_refusal(user, case)
        if waiting and permissions.may_decide_escalations(user) and not can_decide
        else None,
        "waiting": waiting,
        "overdue": case.is_overdue(),
        "conflict": conflict,
        **forms,
        "similar": kept_similar_cases(
            policy_id=case.policy_id, text=case.situation, exclude_pk=case.pk
        ),
    }
    return TemplateResponse(request, "exceptions/precedent_detail.html", context)


def _case_action(request, form_name, form, action, success_message):
    """Run one POSTed change on a case.

    On bad input, a refusal or a change made meanwhile, the case page is shown
    again with the form (named `form_name` in its context) as the user filled
    it, and the reason next to it.
    """
    if form.is_valid():
        try:
            action(form.case, form.cleaned_data)
        except services.CaseActionRefused as refused:
            form.add_error(None, refused.message)
        except services.EditConflict as changed:
            form.add_error(
                None,
                _(
                    "This case changed while you looked at it; what changed is shown with "
                    "this form. Check it, then send the form again."
                ),
            )
            form.data = _with_change_count(request.POST, changed.current.change_count)
            return _case_page(
                request,
                _posted_case(changed.current.pk),
                sent_form=(form_name, form),
                conflict=selectors.changes_since(
                    precedent=changed.current, change_count=changed.since_change
                ),
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, success_message)
            return redirect(form.case)
    return _case_page(request, _posted_case(form.case.pk), sent_form=(form_name, form))


def _with_change_count(posted: QueryDict, change_count: int) -> MultiValueDict[str, Any]:
    """What the user sent, with the case's change count now: sent again, the form is
    judged against the case as it stands. The count goes in as a number, among the
    strings the browser sent."""
    data: MultiValueDict[str, Any] = posted.copy()
    data["seen_change_count"] = change_count
    return data


def _posted_case(pk) -> Precedent:
    return get_object_or_404(selectors.case_with_context(), pk=pk)


@require_POST
@decide_required
def decide_case(request, pk):
    case = _posted_case(pk)
    form = DecideForm(
        request.POST,
        case=case,
        terms=services.case_terms(case),
        decider_tier=permissions.user_tier(request.user),
    )

    def decide(case, data):
        services.decide_escalation(
            precedent=case,
            decider=request.user,
            decision=data["decision"],
            rationale=data["rationale"],
            expected_change_count=data["seen_change_count"],
            granted_amount=data.get("granted_amount"),
        )

    return _case_action(request, "decide_form", form, decide, _("Decision recorded."))


@require_POST
@view_required
def follow_up_case(request, pk):
    form = FollowUpForm(request.POST, case=_posted_case(pk))

    def follow_up(case, data):
        services.record_follow_up(
            precedent=case,
            user=request.user,
            result=data["result"],
            notes=data["notes"],
            expected_change_count=data["seen_change_count"],
        )

    return _case_action(request, "follow_up_form", form, follow_up, _("Follow-up recorded."))


@require_POST
@view_required
def withdraw_case(request, pk):
    form = WithdrawForm(request.POST, case=_posted_case(pk))

    def withdraw(case, data):
        services.withdraw_precedent(
            precedent=case,
            user=request.user,
            reason=data["reason"],
            expected_change_count=data["seen_change_count"],
        )

    return _case_action(
        request, "withdraw_form", form, withdraw, _("Case withdrawn. It stays on record.")
    )


@view_required
def edit_case(request, pk):
    case = get_object_or_404(Precedent, pk=pk)
    refusal = permissions.edit_refusal(request.user, case)
    if refusal is not None and case.recorded_by_id != request.user.pk:
        raise PermissionDenied(refusal)
    if refusal is not None and request.method != "POST":
        messages.info(request, refusal)
        return redirect(case)
    form = EditCaseForm(
        request.POST or None,
        instance=case,
        initial={"tags": list(case.tags.all()), "seen_change_count": case.change_count},
    )
    conflict, refused = None, None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_escalated_precedent(
                precedent=case,
                editor=request.user,
                changes=form.corrections(),
                reason=form.cleaned_data["change_reason"],
                expected_change_count=form.cleaned_data["seen_change_count"],
            )
        except (services.EditConflict, services.CaseActionRefused) as stopped:
            # Keep everything the editor typed, and show what changed meanwhile.
            # After a conflict, saving again applies only the fields they changed.
            current = Precedent.objects.get(pk=pk)
            conflict = selectors.changes_since(
                precedent=current, change_count=form.cleaned_data["seen_change_count"]
            )
            if isinstance(stopped, services.CaseActionRefused):
                refused = stopped.message
            else:
                form.data = _with_change_count(request.POST, current.change_count)
        else:
            messages.success(request, _("Case updated."))
            return redirect(case)
    return TemplateResponse(
        request,
        "exceptions/precedent_edit.html",
        {"form": form, "case": case, "conflict": conflict, "refused": refused},
    )


@view_required
def similar(request):
    """The "has this happened before?" list for the record form, as an HTML fragment."""
    form = SimilarCasesForm(request.GET)
    cases = []
    if form.is_valid():
        cases = kept_similar_cases(
            policy_id=form.cleaned_data["policy"].pk, text=form.cleaned_data["q"][:2000]
        )
    return TemplateResponse(request, "exceptions/includes/similar_cases.html", {"similar": cases})


@view_required
def case_history(request, pk):
    case: Precedent = get_object_or_404(Precedent.objects.select_related("policy"), pk=pk)
    return TemplateResponse(
        request,
        "exceptions/precedent_history.html",
        {"case": case, "entries": selectors.case_history(precedent=case)},
    )
