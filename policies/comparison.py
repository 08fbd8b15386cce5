"""What changed between two versions of a policy, read with Wagtail's comparison classes.

The comparisons come from the policy's edit handler, as Wagtail's own revision
compare view builds them. This module groups them by the sections of the policy
page and marks what was added and removed so that it reads without colour.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.compare import FieldComparison, TextDiff, register_comparison_class
from wagtail.models import Page

from .choices import ItemStatus

# Field names per section, in the order the policy page shows them. Wagtail keeps
# the page owner out of revisions (it belongs to the page, not to a version), so
# the owner is never part of a comparison.
SECTIONS = [
    (_("The rule"), ["title", "summary", "rule", "flexibility"]),
    (_("Why it exists"), ["rationale"]),
    (_("Sanctioned exception paths"), ["exception_paths"]),
    (_("How to explain it to a customer"), ["how_to_explain"]),
    (_("Scope"), ["scope"]),
    (
        _("Ownership and review"),
        ["owning_team", "effective_from", "review_every_months", "next_review_due"],
    ),
]

# Wagtail's TextDiff wraps each change in a span and escapes the text inside,
# so the text of a change never contains "<".
WAGTAIL_CHANGE = re.compile(r'<span class="(addition|deletion)">([^<]*)</span>')


class AmountComparison(FieldComparison):
    """An amount, such as an exception path's limit, compared by value and shown plainly.

    A limit typed as 14 and one read back from the database as 14.00 are the same
    limit, and both read "14".
    """

    def htmldiff(self):
        old, new = _plain_amount(self.val_a), _plain_amount(self.val_b)
        if not self.has_changed():
            return escape(old)
        return TextDiff(
            [(change, text) for change, text in (("deletion", old), ("addition", new)) if text]
        ).to_html()


register_comparison_class(models.DecimalField, comparison_class=AmountComparison)


@dataclass(frozen=True)
class FieldChange:
    label: str
    diff: SafeString


@dataclass(frozen=True)
class ItemChange:
    """One inline item, such as an exception path, as it fares between the two versions.

    `fields` holds every filled-in field of an added or removed item, and only the
    changed fields of a changed one.
    """

    name: str
    status: ItemStatus
    fields: list[FieldChange]


@dataclass(frozen=True)
class SectionChange:
    heading: str
    fields: list[FieldChange]
    items: list[ItemChange]

    @property
    def has_changes(self) -> bool:
        return bool(self.fields) or any(item.status != ItemStatus.UNCHANGED for item in self.items)


def compare_policies(*, old: Page, new: Page) -> list[SectionChange]:
    """Return, section by section, what changed from `old` to `new` (two versions of a policy)."""
    bound_panel = new.get_edit_handler().get_bound_panel(instance=new, request=None, form=None)
    comparisons = {
        comparison.field.name: comparison
        for comparison in (make(old, new) for make in bound_panel.get_comparison())
    }
    sections = []
    for heading, field_names in SECTIONS:
        in_section = [comparisons[name] for name in field_names]
        sections.append(
            SectionChange(
                heading=heading,
                fields=[
                    _field_change(comparison)
                    for comparison in in_section
                    if comparison.is_field and comparison.has_changed()
                ],
                items=[
                    _item_change(child)
                    for comparison in in_section
                    if comparison.is_child_relation
                    for child in comparison.get_child_comparisons()
                ],
            )
        )
    return sections


def readable_diff(html: str) -> SafeString:
    """Re-tag Wagtail's diff spans as <ins> and <del>, each with a label screen readers speak."""

    def retag(match: re.Match) -> str:
        tag, label = ("ins", _("added")) if match[1] == "addition" else ("del", _("removed"))
        return format_html(
            '<{tag} class="diff"><span class="visually-hidden">{label}: </span>{text}</{tag}>',
            tag=tag,
            label=label,
            text=mark_safe(match[2]),  # noqa: S308 - already escaped by Wagtail's TextDiff
        )

    return mark_safe(WAGTAIL_CHANGE.sub(retag, str(html)))  # noqa: S308 - built from escaped parts


def _field_change(comparison) -> FieldChange:
    return FieldChange(label=comparison.field_label(), diff=readable_diff(comparison.htmldiff()))


def _item_change(child) -> ItemChange:
    if child.is_addition():
        status = ItemStatus.ADDED
    elif child.is_deletion():
        status = ItemStatus.REMOVED
    elif child.has_changed():
        status = ItemStatus.CHANGED
    else:
        status = ItemStatus.UNCHANGED
    if status in (ItemStatus.ADDED, ItemStatus.REMOVED):
        fields = [field for field in child.get_field_comparisons() if field.val_a not in (None, "")]
    else:
        fields = [field for field in child.get_field_comparisons() if field.has_changed()]
    return ItemChange(
        name=str(child.obj_b or child.obj_a),
        status=status,
        fields=[_field_change(field) for field in fields],
    )


def _plain_amount(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount.normalize():f}"
