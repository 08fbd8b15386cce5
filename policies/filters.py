"""Filters on the A to Z list of policies and on the portal-wide list of policy changes;
every choice is kept in the URL."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageLogEntry

from .choices import ChangeKind, Flexibility
from .models import PolicyIndexPage, PolicyPage


def area_filter(*, empty_label: str | Promise) -> django_filters.ModelChoiceFilter:
    """A choice of live policy areas by title; the filterset's `filter_area` applies it."""
    return django_filters.ModelChoiceFilter(
        label=_("Area"),
        queryset=PolicyIndexPage.objects.live().order_by("title").only("pk", "title", "path"),
        # By the page's own id: a lookup on the inherited primary key crashes on
        # SQLite for numbers past 64 bits instead of finding nothing.
        to_field_name="id",
        method="filter_area",
        empty_label=empty_label,
    )


# Longer text is refused with a message: SQLite rejects LIKE patterns past 50,000 bytes.
TITLE_TEXT_MAX_LENGTH = 200


class PolicyFilter(django_filters.FilterSet):
    """Narrow the A to Z list of live policies by words of the title, area and flexibility."""

    title = django_filters.CharFilter(
        label=_("Title contains"), lookup_expr="icontains", max_length=TITLE_TEXT_MAX_LENGTH
    )
    area = area_filter(empty_label=_("All areas"))
    flexibility = django_filters.ChoiceFilter(
        label=_("Flexibility"), choices=Flexibility.choices, empty_label=_("Firm and flexible")
    )

    class Meta:
        model = PolicyPage
        fields: list[str] = []

    def filter_area(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path)


class DateRangeWidget(django_filters.widgets.RangeWidget):
    """Two date inputs under the field's legend, each named for screen readers."""

    def __init__(self):
        super().__init__(attrs={"type": "date"})
        for widget, name in zip(self.widgets, (_("From"), _("To")), strict=True):
            widget.attrs["aria-label"] = name


class ChangeFilter(django_filters.FilterSet):
    """Narrow the portal-wide change list; every choice is kept in the URL."""

    went_live = django_filters.DateFromToRangeFilter(
        label=_("Went live between"),
        field_name="timestamp__date",
        widget=DateRangeWidget(),
    )
    area = area_filter(empty_label=_("All areas"))
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"),
        field_name="page__owner",
        queryset=get_user_model()
        .objects.filter(owned_pages__isnull=False)
        .distinct()
        .order_by("first_name", "last_name"),
        empty_label=_("Any owner"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of change"),
        field_name="revision__policy_note__kind",
        choices=ChangeKind.choices,
        empty_label=_("Substantive and editorial"),
    )

    class Meta:
        model = PageLogEntry
        fields: list[str] = []

    def filter_area(self, queryset, name, value):
        return queryset.filter(page__path__startswith=value.path)
