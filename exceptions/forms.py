import unicodedata
import uuid
from typing import TYPE_CHECKING, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from taggit.models import Tag
from taggit.utils import parse_tags

from policies.models import ExceptionPath, PolicyPage
from policies.wording import amount_in_words

from .choices import Channel, Decision, FollowUpResult, Request
from .models import CHANGE_REASON_MAX_LENGTH, Precedent
from .rulebook import firm_rule_message, rule_on_decision

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    # The mixin's super() is the Django form it is mixed into.
    _FormBase = forms.BaseForm
else:
    _FormBase = object

PATH_PREFIX = "path-"
# Taggit keeps 100 characters of a tag's name and of its slug, and the slug can
# outgrow the name (NFKC expands some characters; a clash appends "_1"), so
# half of that keeps both inside their columns on every database.
TAG_MAX_LENGTH = 50
TAGS_INPUT_MAX_LENGTH = 500


class CaseTagsField(TagField):
    """Comma-separated tags, each short enough to store and with something to see."""

    def __init__(self, **kwargs):
        super().__init__(max_length=TAGS_INPUT_MAX_LENGTH, **kwargs)

    def has_changed(self, initial_value, data_value):
        """Compare tag names, whether shown from the case's tags or read back from the page."""
        if isinstance(initial_value, str):
            initial_value = parse_tags(initial_value)
        shown = sorted(getattr(tag, "name", tag) for tag in initial_value or [])
        try:
            return shown != sorted(self.clean(data_value))
        except forms.ValidationError:
            return True

    def clean(self, value):
        tags = super().clean(value)
        for tag in tags:
            shown = Truncator(tag).chars(20)
            if len(tag) > TAG_MAX_LENGTH or len(Tag().slugify(tag)) > TAG_MAX_LENGTH:
                raise forms.ValidationError(
                    _("Keep each tag to %(max)d characters; “%(tag)s” is longer.")
                    % {"max": TAG_MAX_LENGTH, "tag": shown}
                )
            if not any(unicodedata.category(char)[0] not in "CZ" for char in tag):
                raise forms.ValidationError(
                    _("A tag needs a visible character; “%(tag)s” has none.") % {"tag": shown}
                )
        return tags


def path_label(path: ExceptionPath) -> str:
    return f"{path.name} · {path.get_authority_display()} · {path.limit_in_words}"


class HiddenFieldErrorsShown(_FormBase):
    """For a form with hidden fields: a refused hidden value is the whole form's error,
    since there is no field on the page to show it next to."""

    def clean(self):
        cleaned = super().clean()
        if any(field.errors for field in self.hidden_fields()):
            self.add_error(None, _("This form is out of date. Reload the page and try again."))
        return cleaned


class RecordCaseForm(HiddenFieldErrorsShown, forms.Form):
    """Record a case under one policy: the situation, what was decided and why.

    It carries a one-time token, made when the form is shown: sent twice, it
    records one case.
    """

    situation = forms.CharField(
        label=_("Situation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("What the customer needed, and why."),
    )
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    amount = forms.DecimalField(
        label=_("Amount or quantity"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Needed when the path has a limit, in the path's unit."),
    )
    rationale = forms.CharField(
        label=_("Why this decision"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    tags = CaseTagsField(
        label=_("Tags"), required=False, help_text=_("Comma-separated, e.g. damaged, repeat")
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, policy: PolicyPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.paths = {} if policy.is_firm else {p.pk: p for p in policy.exception_paths.all()}
        choices: list[tuple[str, StrOrPromise]] = [
            (f"{PATH_PREFIX}{pk}", path_label(path)) for pk, path in self.paths.items()
        ]
        if not policy.is_firm:
            choices.append((Request.GRANT_OUTSIDE_PATH, _("Granted outside any path")))
        choices.append((Request.UPHOLD, _("Rule upheld: no exception")))
        # Form.fields holds Field; this one is the ChoiceField the class declares.
        decision = cast(forms.ChoiceField, self.fields["decision"])
        decision.choices = choices
        # A form opened before the policy changed may send a path it no longer has.
        decision.error_messages["invalid_choice"] = (
            firm_rule_message()
            if policy.is_firm
            else _(
                "Choose one of the decisions offered: this policy's exception paths may "
                "have changed since the form was opened."
            )
        )
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())

    def clean_decision(self):
        value = self.cleaned_data["decision"]
        self.path = None
        self.requested = Request(value) if value in Request.values else Request.GRANT_WITHIN_PATH
        if value.startswith(PATH_PREFIX):
            self.path = self.paths[int(value.removeprefix(PATH_PREFIX))]
        return value


class ChoosePolicyForm(forms.Form):
    policy = forms.ModelChoiceField(
        label=_("Which policy does this case fall under?"),
        queryset=PolicyPage.objects.live().order_by("title").only("pk", "title"),
        empty_label=_("Choose a policy"),
        # Looked up by the page's own id: a lookup on the inherited primary key
        # crashes on SQLite for numbers past 64 bits instead of finding nothing.
        to_field_name="id",
    )


class SimilarCasesForm(forms.Form):
    """What the record form sends while the situation is typed: the policy and the text."""

    policy = forms.ModelChoiceField(
        queryset=PolicyPage.objects.live().only("pk"), to_field_name="id"
    )
    q = forms.CharField(required=False)


class ChangeCountField(forms.IntegerField):
    """The change count of the case as the form showed it, sent back with the change."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=1, **kwargs)


class CaseActionForm(HiddenFieldErrorsShown, forms.Form):
    """A change to one case, shown with the case's change count and sent back with it."""

    seen_change_count = ChangeCountField()

    def __init__(self, *args, case: Precedent, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.initial.setdefault("seen_change_count", case.change_count)


class EditCaseForm(HiddenFieldErrorsShown, forms.ModelForm):
    """The recorder's corrections to a case still waiting for a decision.

    Each field carries, hidden, the value it was shown with, so only what the
    recorder changed is written: a correction saved again after someone else's
    keeps their change in every field the recorder left alone.
    """

    CORRECTABLE = ("situation", "rationale", "channel", "tags")

    situation = RecordCaseForm.base_fields["situation"]
    rationale = RecordCaseForm.base_fields["rationale"]
    tags = CaseTagsField(label=_("Tags"), required=False)
    change_reason = forms.CharField(
        label=_("Why are you changing this case?"),
        max_length=CHANGE_REASON_MAX_LENGTH,
        help_text=_("Kept in the case's history."),
    )
    seen_change_count = ChangeCountField()

    class Meta:
        model = Precedent
        fields = ["situation", "rationale", "channel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.CORRECTABLE:
            self.fields[name].show_hidden_initial = True

    def clean(self):
        cleaned = super().clean()
        if not self.corrections() and not self.errors:
            self.add_error(None, _("Nothing was changed: correct the case, then save."))
        return cleaned

    def corrections(self) -> dict:
        """The fields the recorder changed from what the form showed, with their new values."""
        return {
            name: self.cleaned_data[name]
            for name in self.CORRECTABLE
            if name in self.changed_data and name in self.cleaned_data
        }


class DecideForm(CaseActionForm):
    """The decider's answer to an escalated case: only the decisions open to them, and,
    when the case asked for an amount, the smaller amount they may grant instead."""

    decision = forms.ChoiceField(label=_("Your decision"), widget=forms.RadioSelect)
    granted_amount = forms.DecimalField(
        label=_("Grant less than asked"),
        required=False,
        max_digits=12,
        decimal_places=2,
    )
    rationale = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args, case: Precedent, terms, decider_tier, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        # Form.fields holds Field; this one is the ChoiceField the class declares.
        decision = cast(forms.ChoiceField, self.fields["decision"])
        try:
            rule_on_decision(
                terms=terms,
                path=case.path_terms,
                amount=case.amount,
                decision=Decision.GRANT,
                decider_tier=decider_tier,
            )
        except ValidationError as refused:
            why = " ".join(refused.messages)
            decision.choices = [(Decision.UPHOLD, Decision.UPHOLD.label)]
            decision.help_text = _("Only upholding the rule is open to you. %(why)s") % {"why": why}
            decision.error_messages["invalid_choice"] = why
            del self.fields["granted_amount"]
        else:
            decision.choices = Decision.choices
            if case.amount is None:
                del self.fields["granted_amount"]
            else:
                self.fields["granted_amount"].help_text = _(
                    "Optional, in %(unit)s. Leave it empty to grant the %(asked)s asked."
                ) % {
                    "unit": case.path_limit_unit or _("the amount's unit"),
                    "asked": amount_in_words(case.amount, case.path_limit_unit),
                }


class AskRecorderForm(CaseActionForm):
    """A decider's question to the recorder, before deciding."""

    question = forms.CharField(
        label=_("Your question to the recorder"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The case goes back to them, and the time to decide stops until they answer."),
    )


class AnswerForm(CaseActionForm):
    """The recorder's answer to a decider's question."""

    answer = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class FollowUpForm(CaseActionForm):
    result = forms.ChoiceField(label=_("What happened next"), choices=FollowUpResult.choices)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )


class WithdrawForm(CaseActionForm):
    reason = forms.CharField(
        label=_("Why withdraw this case?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


def add_refusal(form, error: ValidationError) -> None:
    """Show the case service's refusal on `form`: next to the field it names, or
    above the form when it names none the form has."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
