from pathlib import PurePath
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .case_import.columns import LogRefused, parse_mapping
from .case_import.reading import FORMATS
from .forms import ChangeCountField, HiddenFieldErrorsShown
from .models import CHANGE_REASON_MAX_LENGTH
from .services import STANDINGS_SET_BY_HAND

# A few thousand rows: a larger log would outlast a request (about 5 ms a row, written
# and indexed), so it is imported from the command line, where nothing waits on one.
LARGEST_LOG_BYTES = 500_000


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


class CaseLogForm(forms.Form):
    """The admin's upload of an exception log, checked before anything is imported."""

    log = forms.FileField(
        label=_("Exception log"),
        help_text=_("A CSV or XLSX file whose first row names the columns."),
    )
    mapping = forms.CharField(
        label=_("Your own column names"),
        required=False,
        max_length=1000,
        help_text=_(
            "Only for headers the portal does not know, e.g. “Opened=date; Rule name=policy”."
        ),
    )
    skip_invalid = forms.BooleanField(
        label=_("Skip invalid rows"),
        required=False,
        help_text=_(
            "Import the valid rows and list the others. Otherwise nothing is imported "
            "while any row is invalid."
        ),
    )

    def clean_log(self):
        log = self.cleaned_data["log"]
        if PurePath(log.name).suffix.casefold() not in FORMATS:
            raise forms.ValidationError(_("Choose a CSV or an XLSX file."))
        if log.size > LARGEST_LOG_BYTES:
            raise forms.ValidationError(
                _("This file is larger than %(size)s kB: import it with manage.py import_cases.")
                % {"size": LARGEST_LOG_BYTES // 1000}
            )
        return log

    def clean_mapping(self):
        try:
            return parse_mapping(self.cleaned_data["mapping"])
        except LogRefused as refused:
            raise forms.ValidationError(refused.message) from None


class ConfirmCaseLogForm(forms.Form):
    """Confirming the import of the log just previewed, kept under `upload`."""

    upload = forms.CharField(widget=forms.HiddenInput, max_length=32)
    mapping = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)
    skip_invalid = CaseLogForm.base_fields["skip_invalid"]

    def clean_mapping(self):
        try:
            return parse_mapping(self.cleaned_data["mapping"])
        except LogRefused as refused:
            raise forms.ValidationError(refused.message) from None
