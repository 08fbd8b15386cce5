from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from policies.choices import Tier
from policies.models import PolicyPage

from . import selectors, services
from .authority import user_tier
from .csv_export import case_rows, streamed_csv
from .filters import PrecedentFilter
from .forms import (
    ChoosePolicyForm,
    DecideForm,
    EditCaseForm,
    FollowUpForm,
    RecordCaseForm,
    SimilarCasesForm,
    WithdrawForm,
)
from .models import Precedent

CASES_PER_PAGE = 25

view_required = permission_required("exceptions.view_precedent", raise_exception=True)
record_required = permission_required("exceptions.add_precedent", raise_exception=True)
decide_required = permission_required("exceptions.decide_precedent", raise_exception=True)


@view_required
def case_list(request):
    filterset = PrecedentFilter(request.GET, queryset=selectors.case_list_queryset())
    cases = filterset.qs if filterset.is_valid() else Precedent.objects.none()
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "exceptions/precedent_list.html",
        {"filter": filterset, "cases": page, "query_string": query.urlencode()},
    )


@view_required
def case_export(request):
    """The filtered case list as CSV: exactly the rows the same filters show."""
    filterset = PrecedentFilter(request.GET, queryset=selectors.case_list_queryset())
    cases = filterset.qs if filterset.is_valid() else Precedent.objects.none()
    stamp = timezone.localdate().isoformat()
    return streamed_csv(case_rows(cases), filename=f"cases-{stamp}.csv")


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
    escalation = None
    if request.method == "POST" and form.is_valid():
        try:
            case = services.record_precedent(
                policy=policy,
                recorder=request.user,
                path=form.path,
                granted=form.granted,
                amount=form.cleaned_data["amount"],
                situation=form.cleaned_data["situation"],
                rationale=form.cleaned_data["rationale"],
                channel=form.cleaned_data["channel"],
                tags=form.cleaned_data["tags"],
                escalate="escalate" in request.POST,
            )
        except services.NeedsEscalation as needed:
            escalation = needed
            form.add_error("decision", needed.message)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if case.is_escalated:
                messages.success(
                    request,
                    _("Case escalated to %(tier)s. You will see the decision on the case.")
                    % {"tier": case.get_escalated_to_tier_display().lower()},
                )
            else:
                messages.success(request, _("Case recorded."))
            return redirect(case)
    return TemplateResponse(
        request,
        "exceptions/precedent_form.html",
        {"form": form, "policy": policy, "escalation": escalation},
    )


def _add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@view_required
def case_detail(request, pk):
    case = get_object_or_404(
        Precedent.objects.select_related("policy", "policy_revision", "recorded_by", "decided_by"),
        pk=pk,
    )
    user = request.user
    tier = user_tier(user)
    context = {
        "case": case,
        "tags": list(case.tags.all()),
        "can_decide": case.is_escalated
        and user.has_perm("exceptions.decide_precedent")
        and tier is not None
        and tier >= case.escalated_to_tier,
        "can_edit": case.is_escalated and case.recorded_by_id == user.pk,
        "can_follow_up": case.is_decided and case.recorded_by_id == user.pk,
        "can_withdraw": case.standing != "withdrawn"
        and (case.recorded_by_id == user.pk or tier == Tier.LEADERSHIP),
        "decide_form": DecideForm(),
        "follow_up_form": FollowUpForm(
            initial={"result": case.follow_up_result, "notes": case.follow_up_notes}
        ),
        "withdraw_form": WithdrawForm(),
        **selectors.case_versions(precedent=case),
        "similar": selectors.similar_cases(
            policy_id=case.policy_id, text=case.situation, exclude_pk=case.pk
        ),
    }
    return TemplateResponse(request, "exceptions/precedent_detail.html", context)


def _case_action(request, pk, form_class, action, success_message, template_flag):
    """Run one POSTed action on a case; on bad input show the case page with the errors."""
    case = get_object_or_404(Precedent, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(case, form.cleaned_data)
        except services.EditConflict:
            messages.error(
                request,
                _("Someone changed this case while you looked at it. Check it and try again."),
            )
            return redirect(case)
        except services.AlreadyDecided as decided:
            messages.error(
                request,
                _("%(name)s decided this case first. Their decision stands.")
                % {"name": decided.precedent.decided_by.get_full_name()},
            )
            return redirect(case)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, success_message)
            return redirect(case)
    response = case_detail(request, pk)
    response.context_data[template_flag] = form
    return response


@require_POST
@decide_required
def decide_case(request, pk):
    def decide(case, data):
        services.decide_escalation(
            precedent=case,
            decider=request.user,
            decision=data["decision"],
            rationale=data["rationale"],
        )

    return _case_action(request, pk, DecideForm, decide, _("Decision recorded."), "decide_form")


@require_POST
@view_required
def follow_up_case(request, pk):
    def follow_up(case, data):
        services.record_follow_up(
            precedent=case, user=request.user, result=data["result"], notes=data["notes"]
        )

    return _case_action(
        request, pk, FollowUpForm, follow_up, _("Follow-up recorded."), "follow_up_form"
    )


@require_POST
@view_required
def withdraw_case(request, pk):
    def withdraw(case, data):
        services.withdraw_precedent(precedent=case, user=request.user, reason=data["reason"])

    return _case_action(
        request,
        pk,
        WithdrawForm,
        withdraw,
        _("Case withdrawn. It stays on record."),
        "withdraw_form",
    )


@view_required
def edit_case(request, pk):
    case = get_object_or_404(Precedent, pk=pk)
    if case.recorded_by_id != request.user.pk or not case.is_escalated:
        raise PermissionDenied(_("Only the recorder may edit a case, and only while it waits."))
    form = EditCaseForm(
        request.POST or None,
        instance=case,
        initial={"tags": list(case.tags.all()), "version": case.version},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_escalated_precedent(
                precedent=Precedent.objects.get(pk=pk),
                editor=request.user,
                changes={**form.cleaned_data},
                reason=form.cleaned_data["change_reason"],
                expected_version=form.cleaned_data["version"],
            )
        except services.EditConflict as changed:
            # Keep everything the editor typed; saving again now knowingly
            # replaces the other change, which stays in the history.
            form.data = form.data.copy()
            form.data["version"] = changed.current.version
            conflict = selectors.changes_since(
                precedent=changed.current, version=changed.since_version
            )
        else:
            messages.success(request, _("Case updated."))
            return redirect(case)
    return TemplateResponse(
        request,
        "exceptions/precedent_edit.html",
        {"form": form, "case": case, "conflict": conflict},
    )


@view_required
def similar(request):
    """The "has this happened before?" list for the record form, as an HTML fragment."""
    form = SimilarCasesForm(request.GET)
    cases = []
    if form.is_valid():
        cases = selectors.similar_cases(
            policy_id=form.cleaned_data["policy"].pk, text=form.cleaned_data["q"][:2000]
        )
    return TemplateResponse(request, "exceptions/includes/similar_cases.html", {"similar": cases})


@view_required
def case_history(request, pk):
    case = get_object_or_404(Precedent.objects.select_related("policy"), pk=pk)
    return TemplateResponse(
        request,
        "exceptions/precedent_history.html",
        {"case": case, "entries": selectors.case_history(precedent=case)},
    )


@decide_required
def escalations(request):
    now = timezone.now()
    waiting = Paginator(selectors.escalations_waiting_for(user=request.user), CASES_PER_PAGE)
    page = waiting.get_page(request.GET.get("page"))
    rows = [
        {
            "case": case,
            "waited_hours": case.waiting_hours(now),
            "overdue": case.is_overdue(now),
        }
        for case in page
    ]
    return TemplateResponse(
        request, "exceptions/escalations.html", {"page_obj": page, "rows": rows}
    )
