from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .forms import ChangeCountField, HiddenFieldErrorsShown
from .models import CHANGE_REASON_MAX_LENGTH
from .services import STANDINGS_SET_BY_HAND


class StandingForm(HiddenFieldErrorsShown, WagtailAdminModelForm):
    """The admin's only edit on a case: its standing, with the reason for the change.

    It carries the case's change count, so a standing set on a case that changed
    meanwhile (decided, withdrawn) is refused instead of overwriting that change.
    """

    change_reason = forms.CharField(
        label=_("Why are you changing the standing?"),
        max_length=CHANGE_REASON_MAX_LENGTH,
        help_text=_("Kept in the case's history."),
    )
    seen_change_count = ChangeCountField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Form.fields holds Field; a model field with choices gets a ChoiceField.
        standing_field = cast(forms.ChoiceField, self.fields["standing"])
        standing_field.choices = [
            (standing.value, standing.label) for standing in STANDINGS_SET_BY_HAND
        ]
        self.initial.setdefault("seen_change_count", self.instance.change_count)
