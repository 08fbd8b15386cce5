"""The search box and its facets."""

import datetime
from typing import cast

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from exceptions.choices import Outcome
from policies.models import PolicyIndexPage, PolicyPage

from .selectors import CASE, POLICY

# Generous, and far enough from year 1 and year 9999 that a day's bounds stay
# valid moments in every time zone.
SEARCHABLE_DATES = [
    MinValueValidator(datetime.date(1900, 1, 1)),
    MaxValueValidator(datetime.date(2999, 12, 31)),
]


class SearchForm(forms.Form):
    """The search box and its facets; every choice lives in the URL."""

    q = forms.CharField(label=_("Search rules and cases"), max_length=200, required=False)
    # Set by "Search instead for …": the words as typed, with no typo corrected.
    exact = forms.BooleanField(required=False, widget=forms.HiddenInput)
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Policies and cases")), (POLICY, _("Policies")), (CASE, _("Cases"))],
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        required=False,
        queryset=PolicyIndexPage.objects.live().only("pk", "title", "path"),
        # By the page's own id: a lookup on the inherited primary key crashes on
        # SQLite for numbers past 64 bits instead of finding nothing.
        to_field_name="id",
        empty_label=_("All areas"),
    )
    outcome = forms.ChoiceField(
        label=_("Case outcome"), required=False, choices=[("", _("Any outcome")), *Outcome.choices]
    )
    recorded_from = forms.DateField(
        label=_("Cases recorded from"),
        required=False,
        validators=SEARCHABLE_DATES,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    recorded_to = forms.DateField(
        label=_("to"),
        required=False,
        validators=SEARCHABLE_DATES,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        super().clean()
        start, end = self.cleaned_data.get("recorded_from"), self.cleaned_data.get("recorded_to")
        if start and end and start > end:
            self.add_error("recorded_to", _("The end date is before the start date."))
        return self.cleaned_data


class AddSearchPhraseForm(forms.Form):
    """Which of the user's policies a search that found nothing should find from now on."""

    phrase = forms.CharField(
        label=_("Words searched for"),
        max_length=120,
        help_text=_("Shorten them to the words people will search by again."),
    )
    policy = forms.ModelChoiceField(
        label=_("Policy"),
        queryset=PolicyPage.objects.none(),
        help_text=_("A new draft of it is saved for you to check and submit for approval."),
    )

    def __init__(self, *args, policies, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["policy"]).queryset = policies

    def clean_phrase(self):
        return " ".join(self.cleaned_data["phrase"].split())
