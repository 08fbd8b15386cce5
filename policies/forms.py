"""The app's forms: the policy editor's, and the two small ones on a policy's page."""

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .choices import ChangeKind, Flexibility

# The newest cases offered for citing; older ones stay reachable through the case list.
CITABLE_CASES_SHOWN = 100


def cited_case_model():
    """The precedent model, reached through RevisionNote's "driven by" seam."""
    revision_note = apps.get_model("policies", "RevisionNote")
    return revision_note._meta.get_field("driven_by").related_model


class CitedCasesField(forms.ModelMultipleChoiceField):
    """Each case as its recorder would recognise it: date, outcome and situation."""

    def label_from_instance(self, case):
        situation = case.situation if len(case.situation) <= 90 else case.situation[:87] + "…"
        return (
            f"#{case.pk} · {case.recorded_at:%d %b %Y} · {case.get_outcome_display()} · {situation}"
        )


class PolicyPageForm(WagtailAdminPageForm):
    """The policy editor: the page's own fields plus a note on this one change.

    The change summary and kind are form-only fields. They travel to the page
    instance as `pending_revision_note` and become the RevisionNote of the
    revision this save creates (see PolicyPage.save_revision).
    """

    change_summary = forms.CharField(
        label=_("Change summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What changed in this version, and why. Staff and leadership read this."),
    )
    change_kind = forms.ChoiceField(
        label=_("Kind of change"),
        choices=ChangeKind.choices,
        widget=forms.RadioSelect,
    )
    driven_by = CitedCasesField(
        label=_("Cases that drove this change"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The precedents recorded under this policy that led to this version."),
    )
    no_case_drove_it = forms.BooleanField(
        label=_("No case drove this change"),
        required=False,
        help_text=_("Tick this when a substantive change cites no case, to say so explicitly."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cases = cited_case_model().objects.filter(policy_id=self.instance.pk or 0)
        newest = cases.order_by("-recorded_at", "-pk").values("pk")[:CITABLE_CASES_SHOWN]
        self.fields["driven_by"].queryset = cases.filter(
            pk__in=list(newest.values_list("pk", flat=True))
        ).order_by("-recorded_at", "-pk")

    def clean(self):
        cleaned_data = super().clean()
        cited = cleaned_data.get("driven_by")
        substantive = cleaned_data.get("change_kind") == ChangeKind.SUBSTANTIVE
        if substantive and not cited and not cleaned_data.get("no_case_drove_it"):
            self.add_error(
                "driven_by",
                _(
                    "A substantive change cites the cases that drove it, or ticks "
                    "“No case drove this change”."
                ),
            )
        if cited and cleaned_data.get("no_case_drove_it"):
            self.add_error(
                "no_case_drove_it", _("Untick this: the change cites cases that drove it.")
            )
        if cleaned_data.get("flexibility") == Flexibility.FIRM and self.kept_exception_paths():
            self.add_error(
                "flexibility",
                _(
                    "A firm rule is never bent, so it cannot have exception paths. "
                    "Remove its exception paths or make the rule flexible."
                ),
            )
        return cleaned_data

    def kept_exception_paths(self) -> int:
        """Return how many exception paths this save keeps (not marked for deletion)."""
        formset = self.formsets.get("exception_paths")
        if formset is None:
            return 0
        kept = 0
        for path_form in formset.forms:
            if not path_form.is_valid() or (
                not path_form.has_changed() and not path_form.instance.pk
            ):
                continue
            if not path_form.cleaned_data.get("DELETE"):
                kept += 1
        return kept

    def save(self, commit=True):
        page = super().save(commit=commit)
        page.pending_revision_note = {
            "summary": self.cleaned_data["change_summary"],
            "kind": self.cleaned_data["change_kind"],
            "driven_by": list(self.cleaned_data["driven_by"]),
            "no_case_drove_it": self.cleaned_data["no_case_drove_it"],
        }
        return page


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
