from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import CHANGE_REASON_MAX_LENGTH


class StandingForm(WagtailAdminModelForm):
    """The admin's only edit on a case: its standing, with the reason for the change."""

    change_reason = forms.CharField(
        label=_("Why are you changing the standing?"),
        max_length=CHANGE_REASON_MAX_LENGTH,
        help_text=_("Kept in the case's history."),
    )
