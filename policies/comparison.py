"""What changed between two versions of a policy, read with Wagtail's comparison classes.

The comparisons come from the policy's edit handler, as Wagtail's own revision
compare view builds them. This module groups them by the sections of the policy
page and marks what was added and removed so that it reads without colour.

A comparison shows what a reader would see change, and nothing else: text is
compared as it reads (readable_text), and exception paths are matched by
identity, so a path that moved shows as moved rather than as two changes.
"""

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from wagtail.admin.compare import (
    FieldComparison,
    ForeignObjectComparison,
    TagsFieldComparison,
    TextDiff,
    TextFieldComparison,
    register_comparison_class,
)
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .choices import ItemStatus
from .readable_text import diff_blocks, plain_text_blocks, rich_text_blocks
from .wording import amount_in_words, decision_time_in_words

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Field names per section, in the order the policy page shows them. Wagtail keeps
# the page owner out of revisions (it belongs to the page, not to a version), and
# the review schedule is kept out of them the same way, so neither is compared.
SECTIONS = [
    (_("The rule"), ["title", "summary", "rule", "flexibility"]),
    (_("Why it exists"), ["rationale"]),
    (_("Sanctioned exception paths"), ["exception_paths"]),
    (_("How to explain it to a customer"), ["how_to_explain"]),
    (_("Scope"), ["scope"]),
    (
        _("About this policy"),
        [
            "also_searched_as",
            "owning_team",
            "review_every_months",
            "related_policy_links",
            "tags",
        ],
    ),
]

# Inline items listed even when unchanged, so a change reads among its neighbours.
LISTED_WHOLE = {"exception_paths"}
# Fields an item's comparison shows as part of another: a limit reads with its unit.
SHOWN_WITH_ANOTHER = {"limit_unit"}

# Wagtail's TextDiff wraps each change in a span and escapes the text inside,
# so the text of a change never contains "<".
WAGTAIL_CHANGE = re.compile(r'<span class="(addition|deletion)">([^<]*)</span>')


class ReadableTextComparison(TextFieldComparison):
    """Plain text compared as the page shows it: line by line, word by word.

    A browser sends a textarea's line breaks as CR LF; the page shows them as
    the same line breaks, so they are no change.
    """

    def blocks(self, value):
        return plain_text_blocks(value)

    def has_changed(self):
        return self.blocks(self.val_a) != self.blocks(self.val_b)

    def htmldiff(self):
        return diff_blocks(self.blocks(self.val_a), self.blocks(self.val_b))


class ReadableRichTextComparison(ReadableTextComparison):
    """Rich text compared as it renders: the editor's block keys, attribute order,
    whitespace and entity forms are no change."""

    def blocks(self, value):
        return rich_text_blocks(value)


class ValueInWordsComparison(FieldComparison):
    """A value compared as it reads on the page, old and new each written out whole."""

    def in_words(self, value, obj) -> str:
        raise NotImplementedError

    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        self.words_a = self.in_words(self.val_a, obj_a)
        self.words_b = self.in_words(self.val_b, obj_b)

    def has_changed(self):
        return self.words_a != self.words_b

    def htmldiff(self):
        if not self.has_changed():
            return escape(self.words_a)
        return TextDiff(
            [
                (change, text)
                for change, text in (("deletion", self.words_a), ("addition", self.words_b))
                if text
            ]
        ).to_html()


class AmountComparison(ValueInWordsComparison):
    """An amount, such as an exception path's limit, compared by value and shown with its unit.

    A limit typed as 14 and one read back from the database as 14.00 are the same
    limit, and both read "14 days": a field `x_amount` is shown with its model's
    `x_unit`, when it has one.
    """

    def in_words(self, value, obj) -> str:
        unit = getattr(obj, self.field.name.removesuffix("_amount") + "_unit", "") or ""
        return amount_in_words(value, unit)


class DecisionTimeComparison(ValueInWordsComparison):
    """How fast a decision is promised, in hours, read as people say it: "within 1 day"."""

    def in_words(self, value, obj) -> str:
        return "" if value is None else decision_time_in_words(value)

    def field_label(self):
        return _("Decision promised")


class DecisionTimePanel(FieldPanel):
    """The editor's field for a decision time in hours, compared as it reads."""

    def get_comparison_class(self):
        return DecisionTimeComparison


class LinkedPolicyComparison(ForeignObjectComparison):
    """A related policy named from the link itself, which compare_policies has given
    its policy, instead of Wagtail's read of it by id, twice per link."""

    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        self.links = (obj_a, obj_b)

    def get_objects(self):
        return tuple(_linked(link, self.field) for link in self.links)


def _linked(link, field):
    try:
        return getattr(link, field.name)
    except ObjectDoesNotExist:
        return None


class LinkedPolicyPanel(FieldPanel):
    """The editor's choice of a related policy, compared by its title."""

    def get_comparison_class(self):
        return LinkedPolicyComparison


class TagSetComparison(TagsFieldComparison):
    """Tags compared as the set they are: the editor may save them in another order,
    which no reader takes for a change."""

    def get_items(self):
        return _by_name(self.val_a), _by_name(self.val_b)

    def get_item_display(self, tag):
        return tag.name


def _by_name(tags) -> list:
    return sorted(tags, key=lambda tag: tag.name.lower())


register_comparison_class(models.CharField, comparison_class=ReadableTextComparison)
register_comparison_class(models.TextField, comparison_class=ReadableTextComparison)
register_comparison_class(RichTextField, comparison_class=ReadableRichTextComparison)
register_comparison_class(models.DecimalField, comparison_class=AmountComparison)
register_comparison_class(TaggableManager, comparison_class=TagSetComparison)


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
    # Its places (counted from 1) in the old and the new version, when it moved.
    old_place: int | None = None
    new_place: int | None = None


@dataclass(frozen=True)
class SectionChange:
    heading: "StrOrPromise"
    fields: list[FieldChange]
    items: list[ItemChange]

    @property
    def has_changes(self) -> bool:
        return bool(self.fields) or any(item.status != ItemStatus.UNCHANGED for item in self.items)


def compare_policies(*, old: Page, new: Page) -> list[SectionChange]:
    """Return, section by section, what changed from `old` to `new` (two versions of a policy)."""
    _with_linked_policies(old, new)
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
                    item
                    for comparison in in_section
                    if comparison.is_child_relation
                    for item in _item_changes(comparison)
                    if item.status != ItemStatus.UNCHANGED or comparison.field.name in LISTED_WHOLE
                ],
            )
        )
    return sections


def _with_linked_policies(*versions: Page) -> None:
    """Read the policies the versions link to in one query, not one per link each
    time the comparison names it."""
    links_of = [list(version.related_policy_links.all()) for version in versions]
    if len({tuple(link.policy_id for link in links) for links in links_of}) == 1:
        return  # The same links in the same order: the comparison shows none of them.
    links = [link for links in links_of for link in links]
    # The model is read from the link: the models import this module.
    policies = links[0]._meta.get_field("policy").related_model
    linked = policies.objects.in_bulk({link.policy_id for link in links})
    for link in links:
        if link.policy_id in linked:
            link.policy = linked[link.policy_id]


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


def _item_changes(relation) -> list[ItemChange]:
    """Each inline item of the relation as it fares, in the new version's order, removed last.

    Wagtail matches items by identity (their primary key) first. One whose place
    among the items in both versions changed has moved: a path added or removed
    before it shifts its number but does not move it.
    """
    children = relation.get_child_comparisons()
    old_items, new_items = list(relation.val_a.all()), list(relation.val_b.all())
    kept = [child for child in children if child.obj_a is not None and child.obj_b is not None]
    old_rank = {
        id(child): rank
        for rank, child in enumerate(sorted(kept, key=_place_in(old_items, "obj_a")))
    }
    new_rank = {
        id(child): rank
        for rank, child in enumerate(sorted(kept, key=_place_in(new_items, "obj_b")))
    }
    changes = []
    for child in children:
        moved = id(child) in old_rank and old_rank[id(child)] != new_rank[id(child)]
        changes.append(
            _item_change(
                child,
                old_place=old_items.index(child.obj_a) + 1 if moved else None,
                new_place=new_items.index(child.obj_b) + 1 if moved else None,
            )
        )
    return changes


def _place_in(items: list, side: str):
    return lambda child: items.index(getattr(child, side))


def _item_change(child, *, old_place: int | None, new_place: int | None) -> ItemChange:
    if child.is_addition():
        status = ItemStatus.ADDED
    elif child.is_deletion():
        status = ItemStatus.REMOVED
    elif child.has_changed():
        status = ItemStatus.CHANGED
    elif old_place is not None:
        status = ItemStatus.MOVED
    else:
        status = ItemStatus.UNCHANGED
    comparisons = [
        field
        for field in child.get_field_comparisons()
        if field.field.name not in SHOWN_WITH_ANOTHER
    ]
    if status in (ItemStatus.ADDED, ItemStatus.REMOVED):
        fields = [field for field in comparisons if field.val_a not in (None, "")]
    else:
        fields = [field for field in comparisons if field.has_changed()]
    return ItemChange(
        name=str(child.obj_b or child.obj_a),
        status=status,
        fields=[_field_change(field) for field in fields],
        old_place=old_place,
        new_place=new_place,
    )
