import unicodedata

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from taggit.models import Tag

from policies.models import ExceptionPath, PolicyPage

from .choices import Channel, Choice, Decision, FollowUpResult
from .models import CHANGE_REASON_MAX_LENGTH, Precedent

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


class RecordCaseForm(forms.Form):
    """Record a case under one policy: the situation, what was decided and why."""

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

    def __init__(self, *args, policy: PolicyPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.paths = {} if policy.is_firm else {p.pk: p for p in policy.exception_paths.all()}
        choices = [(f"{PATH_PREFIX}{pk}", path_label(path)) for pk, path in self.paths.items()]
        if not policy.is_firm:
            choices.append((Choice.OUTSIDE_PATH, Choice.OUTSIDE_PATH.label))
        choices.append((Choice.UPHELD, Choice.UPHELD.label))
        self.fields["decision"].choices = choices

    def clean_decision(self):
        value = self.cleaned_data["decision"]
        self.path = None
        if value.startswith(PATH_PREFIX):
            self.path = self.paths[int(value.removeprefix(PATH_PREFIX))]
        return value

    @property
    def granted(self) -> bool:
        return self.cleaned_data["decision"] != Choice.UPHELD


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


class EditCaseForm(forms.ModelForm):
    """The recorder's corrections to a case still waiting for a decision."""

    situation = RecordCaseForm.base_fields["situation"]
    rationale = RecordCaseForm.base_fields["rationale"]
    tags = CaseTagsField(label=_("Tags"), required=False)
    change_reason = forms.CharField(
        label=_("Why are you changing this case?"),
        max_length=CHANGE_REASON_MAX_LENGTH,
        help_text=_("Kept in the case's history."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Precedent
        fields = ["situation", "rationale", "channel"]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class FollowUpForm(forms.Form):
    result = forms.ChoiceField(label=_("What happened next"), choices=FollowUpResult.choices)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why withdraw this case?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
