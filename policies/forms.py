from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .choices import ChangeKind, Flexibility


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

    def clean(self):
        cleaned_data = super().clean()
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
            if (
                not path_form.is_valid()
                or not path_form.has_changed()
                and not path_form.instance.pk
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
        }
        return page
