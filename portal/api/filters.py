"""The pages' own filters, as the API documents them."""

import copy

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from exceptions.filters import PrecedentFilter
from policies.filters import PolicyFilter


def area_by_id(filterset_class):
    """The filter `area` of `filterset_class`, documented as the area's id (it chooses a
    page by its id, which drf-spectacular cannot tell from the filter itself)."""
    return extend_schema_field(OpenApiTypes.INT)(
        copy.deepcopy(filterset_class.base_filters["area"])
    )


class CaseFilter(PrecedentFilter):
    area = area_by_id(PrecedentFilter)


class PolicyListFilter(PolicyFilter):
    area = area_by_id(PolicyFilter)
