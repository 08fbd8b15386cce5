"""What readers and owners do on a published policy's page: sign it, or record a review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import AcknowledgeForm, ReviewForm
from .models import PolicyPage
from .permissions import may_review, may_sign
from .services import acknowledge_policy, record_review


@require_POST
def mark_reviewed(request, pk):
    """Record "reviewed, still valid" and move the next review date forward."""
    policy = get_object_or_404(PolicyPage.objects.live(), pk=pk)
    if not may_review(policy=policy, user=request.user):
        raise PermissionDenied(_("Only the policy's owner or leadership may record a review."))
    form = ReviewForm(request.POST)
    if form.is_valid():
        next_due = record_review(policy=policy, user=request.user, note=form.cleaned_data["note"])
        messages.success(
            request,
            _("Review recorded. The next review is due on %(date)s.")
            % {"date": date_format(next_due, "j F Y")},
        )
    else:
        messages.error(request, " ".join(form.errors["note"]))
    return redirect(f"{policy.url}#review")


@require_POST
def acknowledge(request, pk):
    """Sign the version of the policy the reader just read."""
    if not may_sign(request.user):
        raise PermissionDenied
    policy = get_object_or_404(PolicyPage.objects.live(), pk=pk)
    form = AcknowledgeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Reload the policy and try again."))
        acknowledge_policy(
            policy=policy, user=request.user, revision_id=form.cleaned_data["revision"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: you have acknowledged this version."))
    return redirect(f"{policy.url}#acknowledge")
