import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import F, Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from policies.choices import Tier
from policies.filters import area_filter
from policies.models import PolicyPage
from portal.roles import people_with

from .choices import MyCases, Outcome, Standing
from .filter_options import (
    filter_policies,
    filter_recorders,
    matching_policies,
    matching_recorders,
    recorder_label,
)
from .models import Precedent
from .permissions import RECORD_CASES
from .widgets import LongSelect, RecordPicker


def live_policy_choices() -> list[tuple[int, str]]:
    """Every published policy by title; plain pairs, as thousands of model objects are slow."""
    return list(PolicyPage.objects.live().order_by("title").values_list("pk", "title"))


def recorder_choices() -> list[tuple[int, str]]:
    """Everyone who may record a case: found from the roles, whatever the number of cases."""
    return list(
        get_user_model()
        .objects.filter(pk__in=people_with(RECORD_CASES))
        .order_by("first_name", "last_name")
        .values_list("pk", "username")
    )


class PickedRecordField(django_filters.fields.ModelChoiceField):
    """A record chosen by id among many; its RecordPicker shows the one found, and no other.

    `describe` names the record as the picker shows it (its title, say).
    """

    def __init__(self, *args, describe=str, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe = describe

    def to_python(self, value):
        record = super().to_python(value)
        if record is not None:
            self.widget.picked = (record.pk, self.describe(record))
        return record


class PickedRecordFilter(django_filters.ModelChoiceFilter):
    """Narrow a list to one record of thousands, picked by typing part of its name."""

    field_class = PickedRecordField


# Longer filter text is refused with a message: SQLite rejects LIKE patterns past 50,000 bytes.
FILTER_TEXT_MAX_LENGTH = 200


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sort so cases without a value (no amount, not decided) come last either way."""

    def filter(self, qs, value):
        if not value or any(field in EMPTY_VALUES for field in value):
            return super().filter(qs, value)
        ordering = []
        for param in value:
            descending = param.startswith("-")
            field = F(self.param_map[param.lstrip("-")])
            ordering.append(
                field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)
            )
        return qs.order_by(*ordering, "-pk")


class PrecedentFilter(django_filters.FilterSet):
    """The filters of the case list and its CSV export, all kept in the URL."""

    q = django_filters.CharFilter(
        label=_("Text"), method="filter_text", max_length=FILTER_TEXT_MAX_LENGTH
    )
    mine = django_filters.ChoiceFilter(
        label=_("My cases"),
        choices=MyCases.choices,
        method="filter_mine",
        empty_label=_("Everyone's cases"),
    )
    policy = PickedRecordFilter(
        label=_("Policy"),
        queryset=filter_policies(),
        # By the page's own id: a lookup on the inherited primary key crashes on
        # SQLite for numbers past 64 bits instead of finding nothing.
        to_field_name="id",
        widget=RecordPicker(
            options_url=reverse_lazy("exceptions:policy_options"),
            find=matching_policies,
            empty_label=_("Any policy"),
            choose_label=_("Chosen policy"),
            matches_label=_("Matching policies"),
        ),
    )
    area = area_filter(empty_label=_("Any area"))
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"), choices=Outcome.choices, empty_label=_("Any outcome")
    )
    path = django_filters.CharFilter(
        label=_("Exception path"),
        field_name="path_name",
        lookup_expr="icontains",
        max_length=FILTER_TEXT_MAX_LENGTH,
    )
    tier = django_filters.ChoiceFilter(
        label=_("Path's tier"),
        field_name="path_tier",
        choices=Tier.choices,
        empty_label=_("Any tier"),
    )
    standing = django_filters.ChoiceFilter(
        label=_("Standing"), choices=Standing.choices, empty_label=_("Any standing")
    )
    # Two filters rather than one range widget, so that each date has its own visible
    # label; the names are those the range widget gave its two inputs.
    decided_min = django_filters.DateFilter(
        label=_("Decided from"),
        field_name="decided_at__date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    decided_max = django_filters.DateFilter(
        label=_("Decided until"),
        field_name="decided_at__date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tag = django_filters.CharFilter(
        label=_("Tag"),
        field_name="tags__name",
        lookup_expr="iexact",
        max_length=FILTER_TEXT_MAX_LENGTH,
    )
    recorded_by = PickedRecordFilter(
        label=_("Recorded by"),
        queryset=filter_recorders(),
        describe=recorder_label,
        widget=RecordPicker(
            options_url=reverse_lazy("exceptions:recorder_options"),
            find=matching_recorders,
            empty_label=_("Anyone"),
            choose_label=_("Chosen recorder"),
            matches_label=_("Matching people"),
        ),
    )
    ordering = NullsLastOrderingFilter(
        label=_("Sort by"),
        fields=[("recorded_at", "recorded"), ("decided_at", "decided"), ("amount", "amount")],
        field_labels={
            "recorded_at": _("Recorded"),
            "decided_at": _("Decided"),
            "amount": _("Amount"),
        },
        empty_label=_("Newest first"),
    )

    class Meta:
        model = Precedent
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(situation__icontains=value) | Q(rationale__icontains=value))

    def filter_mine(self, queryset, name, value):
        """The reader's own cases: those they recorded, or those they decided."""
        by = "recorded_by" if value == MyCases.RECORDED else "decided_by"
        return queryset.filter(**{by: self.request.user})

    def filter_area(self, queryset, name, value):
        return queryset.filter(policy__path__startswith=value.path)


class EscalationFilter(django_filters.FilterSet):
    """The escalation queue's filters: which policy, which tier it waits for."""

    policy = django_filters.ChoiceFilter(
        label=_("Policy"), empty_label=_("Any policy"), widget=LongSelect
    )
    tier = django_filters.ChoiceFilter(
        label=_("Waiting for"),
        field_name="escalated_to_tier",
        choices=[(tier.value, tier.label) for tier in Tier if tier > Tier.STAFF],
        empty_label=_("Any tier"),
    )

    class Meta:
        model = Precedent
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        # The policies of the cases in this queue only: among every live policy (two
        # thousand in a large company) nearly all would lead to an empty queue.
        self.filters["policy"].extra["choices"] = list(
            self.queryset.order_by("policy__title")
            .values_list("policy_id", "policy__title")
            .distinct()
        )
