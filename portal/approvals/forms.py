"""The two answers leadership gives a change waiting for approval."""

from django import forms
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000


class ApproveForm(forms.Form):
    """Carries the revision the approver reviewed, so a change edited meanwhile is not approved."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the version in its history."),
    )
    supersede = forms.BooleanField(
        label=_("Mark the standing cases this change contradicts as superseded"),
        required=False,
        initial=True,
        help_text=_("So nobody follows them as precedents once the change is in force."),
    )


class RequestChangesForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("What should change before it is approved"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tell the owner what to change: they read this.")},
    )
