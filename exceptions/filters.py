import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from policies.choices import Tier
from policies.models import PolicyIndexPage, PolicyPage

from .choices import Outcome, Standing
from .models import Precedent
from .widgets import LongSelect


def live_policy_choices() -> list[tuple[int, str]]:
    """Every published policy by title; plain pairs, as thousands of model objects are slow."""
    return list(PolicyPage.objects.live().order_by("title").values_list("pk", "title"))


def recorder_choices() -> list[tuple[int, str]]:
    """Everyone who may record a case: found from the roles, whatever the number of cases."""
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__permissions__content_type__app_label="exceptions",
            groups__permissions__codename="add_precedent",
        )
        .distinct()
        .order_by("first_name", "last_name")
        .values_list("pk", "username")
    )


class PrecedentFilter(django_filters.FilterSet):
    """The filters of the case list and its CSV export, all kept in the URL."""

    q = django_filters.CharFilter(label=_("Text"), method="filter_text")
    policy = django_filters.ChoiceFilter(
        label=_("Policy"),
        choices=live_policy_choices,
        empty_label=_("Any policy"),
        widget=LongSelect,
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        queryset=PolicyIndexPage.objects.live().order_by("title").only("pk", "title", "path"),
        method="filter_area",
        empty_label=_("Any area"),
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"), choices=Outcome.choices, empty_label=_("Any outcome")
    )
    path = django_filters.CharFilter(
        label=_("Exception path"), field_name="path_name", lookup_expr="icontains"
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
    decided = django_filters.DateFromToRangeFilter(
        label=_("Decided between"),
        field_name="decided_at__date",
        widget=django_filters.widgets.RangeWidget(attrs={"type": "date"}),
    )
    tag = django_filters.CharFilter(label=_("Tag"), field_name="tags__name", lookup_expr="iexact")
    recorded_by = django_filters.ChoiceFilter(
        label=_("Recorded by"),
        choices=recorder_choices,
        empty_label=_("Anyone"),
        widget=LongSelect,
    )
    ordering = django_filters.OrderingFilter(
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
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(situation__icontains=value) | Q(rationale__icontains=value))

    def filter_area(self, queryset, name, value):
        return queryset.filter(policy__path__startswith=value.path)
