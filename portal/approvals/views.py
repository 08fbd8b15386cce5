"""Leadership's approvals: every change waiting, and one change reviewed with its evidence.

Owners open the review page of their own policy's change too, to see its replay
before or after submitting; only those the approval task lets act see its buttons.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import WorkflowState

from policies.models import PolicyPage
from policies.permissions import may_approve_changes, may_see_change
from policies.selectors import submissions_waiting
from portal.decorators import allowed_if
from portal.listing import page_of

from . import selectors, services
from .forms import ApproveForm, RequestChangesForm

CHANGES_PER_PAGE = 20


@allowed_if(may_approve_changes)
def inbox(request):
    """Every policy change waiting for approval, the longest waiting first. The list is
    read only when the template's kept fragment is built."""

    def waiting():
        page = page_of(request, submissions_waiting(), per_page=CHANGES_PER_PAGE)
        page.object_list = selectors.changes_waiting(list(page.object_list))
        return page

    return TemplateResponse(request, "approvals/inbox.html", {"changes": SimpleLazyObject(waiting)})


def review(request, pk, *, approve_form=None, request_changes_form=None, status=200):
    """A policy's unpublished change: its note, what it alters, its replay, and the answers
    the approval task lets this reader give."""
    policy = get_object_or_404(PolicyPage.objects.select_related("live_revision"), pk=pk)
    if not may_see_change(policy=policy, user=request.user):
        raise PermissionDenied
    change = selectors.change_of(policy)
    context = {"page": policy, "change": change}
    if change is not None:
        actions = set()
        if (
            change.workflow_state is not None
            and change.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        ):
            task = change.workflow_state.current_task_state.task.specific
            actions = {name for name, _label, _modal in task.get_actions(policy, request.user)}
        initial = {"revision": change.revision.pk}
        context.update(
            {
                "sections": selectors.section_changes(change),
                "groups": selectors.replayed_groups(change.replay),
                "cited": selectors.cited_cases(change.note),
                "may_approve": "approve" in actions,
                "may_request_changes": "reject" in actions,
                "approve_form": approve_form or ApproveForm(initial=initial),
                "request_changes_form": request_changes_form or RequestChangesForm(initial=initial),
            }
        )
    return TemplateResponse(request, "approvals/review.html", context, status=status)


@require_POST
@allowed_if(may_approve_changes)
def approve(request, pk):
    return _answer(
        request,
        pk,
        form_class=ApproveForm,
        form_name="approve_form",
        act=lambda policy, data: services.approve_change(
            policy=policy,
            approver=request.user,
            revision_id=data["revision"],
            comment=data["comment"],
            supersede=data["supersede"],
        ),
        done=_("Approved: “%(title)s” is changed as approved."),
    )


@require_POST
@allowed_if(may_approve_changes)
def request_changes(request, pk):
    return _answer(
        request,
        pk,
        form_class=RequestChangesForm,
        form_name="request_changes_form",
        act=lambda policy, data: services.request_changes(
            policy=policy,
            reviewer=request.user,
            revision_id=data["revision"],
            comment=data["comment"],
        ),
        done=_("Sent back: the owner of “%(title)s” is told what to change."),
    )


def _answer(request, pk, *, form_class, form_name: str, act, done: str):
    """Give one answer to the policy's change with `act(policy, cleaned_data)`, then go back
    to the changes waiting, saying `done`; or say why it was not taken."""
    policy = get_object_or_404(PolicyPage, pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return _invalid(request, policy, form, **{form_name: form})
    try:
        act(policy, form.cleaned_data)
    except (ValidationError, ValueError) as refusal:
        return _refused(request, policy, refusal)
    messages.success(request, done % {"title": policy.title})
    return redirect("approvals:inbox")


def _invalid(request, policy, form, **forms):
    """The review page again with what was typed and each field's error; a page that sent
    no readable revision (changed by hand, or from a broken page) is sent back to review."""
    if "revision" in form.errors:
        return _refused(request, policy, ValidationError(_("Review the change again.")))
    return review(request, policy.pk, status=400, **forms)


def _refused(request, policy, refusal):
    """Back to the review page, saying why the answer was not taken."""
    if isinstance(refusal, ValidationError):
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.error(request, _("No change to this policy is waiting for approval now."))
    return redirect("approvals:review", pk=policy.pk)
