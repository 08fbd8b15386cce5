"""The two small forms on a policy page: recording a review, and signing the version read."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("What you checked (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AcknowledgeForm(forms.Form):
    """Carries the version the reader saw, so a version published meanwhile is not signed."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
