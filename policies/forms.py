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


# The editor's buttons as Wagtail's page edit view reads them from the POST
# (wagtail.admin.action_menu): each of these makes the saved revision the one that
# goes live, at once or once approved.
PUBLISH_BUTTON = "action-publish"
SUBMIT_BUTTONS = ("action-submit", "action-restart-workflow")

# What a missing part of the change note is told, by what the save is for.
NOTE_MISSING = {
    "publish": {
        "change_summary": _("Say what changed and why before you publish."),
        "change_kind": _("Say whether the change is substantive or editorial before you publish."),
    },
    "submit": {
        "change_summary": _("Say what changed and why before you submit for approval."),
        "change_kind": _(
            "Say whether the change is substantive or editorial before you submit for approval."
        ),
    },
    "awaiting approval": {
        "change_summary": _(
            "This change is waiting for approval, and this version is what will be approved: "
            "say what changed and why."
        ),
        "change_kind": _(
            "This change is waiting for approval: say whether it is substantive or editorial."
        ),
    },
    "draft": {
        "change_summary": _("Say what changed and why, to keep this note with the draft."),
        "change_kind": _(
            "Say whether the change is substantive or editorial, to keep this note with the draft."
        ),
    },
}


class PolicyPageForm(WagtailAdminPageForm):
    """The policy editor: the page's own fields plus a note on this one change.

    The change summary and kind are form-only fields. They travel to the page
    instance as `pending_revision_note` and become the RevisionNote of the
    revision this save creates (see PolicyPage.save_revision). The note is
    required when the saved revision is one that goes live (published, submitted
    for approval, or saved while a submission waits); a plain draft may be saved
    without one. A draft's note is shown again when the editor is reopened.
    """

    change_summary = forms.CharField(
        label=_("Change summary"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What changed in this version, and why. Staff and leadership read this."),
    )
    change_kind = forms.ChoiceField(
        label=_("Kind of change"),
        choices=ChangeKind.choices,
        required=False,
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
        note = self.draft_note_initial()
        cases = cited_case_model().objects.filter(policy_id=self.instance.pk or 0)
        newest = cases.order_by("-recorded_at", "-pk").values("pk")[:CITABLE_CASES_SHOWN]
        # The draft's own citations are offered too, however old: a draft made from the
        # evidence may cite more cases than the newest, and saving must not drop them.
        offered = [*newest.values_list("pk", flat=True), *note.get("driven_by", [])]
        self.fields["driven_by"].queryset = cases.filter(pk__in=offered).order_by(
            "-recorded_at", "-pk"
        )
        self.initial.update(note)

    def draft_note_initial(self) -> dict:
        """The note of the policy's unpublished latest revision, as the note fields' values.

        A draft or a submission keeps the note its owner typed; once the latest
        revision is live, the next change starts with an empty note.
        """
        if self.instance.pk is None:
            return {}
        # The selectors read the models, which import this form: imported once they exist.
        from .selectors import unpublished_change_note

        note = unpublished_change_note(policy=self.instance)
        if note is None:
            return {}
        return {
            "change_summary": note.summary,
            "change_kind": note.kind,
            "driven_by": [case.pk for case in note.driven_by.all()],
            "no_case_drove_it": note.no_case_drove_it,
        }

    def note_is_for(self) -> str:
        """What this save is for, as far as the change note goes: "publish", "submit",
        "awaiting approval" (a save while a submission waits replaces what is approved,
        WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT) or "draft"."""
        if self.data.get(PUBLISH_BUTTON):
            return "publish"
        if any(self.data.get(button) for button in SUBMIT_BUTTONS):
            return "submit"
        if self.instance.pk is not None and self.instance.workflow_in_progress:
            return "awaiting approval"
        return "draft"

    def clean_change_note(self, cleaned_data) -> None:
        """Require the summary and kind when the revision goes live, or when half a note
        was typed on a draft; a draft with no note at all is fine."""
        note_parts = ("change_summary", "change_kind")
        purpose = self.note_is_for()
        if purpose == "draft" and not any(cleaned_data.get(name) for name in note_parts):
            return
        for name in note_parts:
            if not cleaned_data.get(name) and not self.has_error(name):
                self.add_error(name, NOTE_MISSING[purpose][name])

    def clean(self):
        cleaned_data = super().clean()
        self.clean_change_note(cleaned_data)
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
