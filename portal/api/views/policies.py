"""Live policies, a policy as of a day, and its published versions. Drafts never show:
every read starts from live pages and published revisions."""

import datetime
import re

from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.response import Response
from rest_framework.views import APIView

from exceptions.answer_times import kept_answer_times
from policies import selectors
from policies.history import as_published, published_versions, with_approvers
from policies.models import PolicyIndexPage, PolicyPage

from ..filters import PolicyListFilter
from ..responses import ALWAYS, AREA, errors, record_id
from ..serializers.policies import (
    PolicySerializer,
    PolicySummarySerializer,
    PublishedVersionSerializer,
)

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
POLICY_ID = record_id(_("The policy's id."))


def live_areas() -> dict[str, str]:
    """Every live area's title by its tree path: a policy's area is its parent."""
    return dict(PolicyIndexPage.objects.live().values_list("path", "title"))


def live_policy(pk: int) -> PolicyPage:
    # By the page's own id, as the pages look policies up.
    return get_object_or_404(PolicyPage.objects.live(), id=pk)


@extend_schema(tags=["policies"])
class PolicyList(generics.ListAPIView):
    """Every live policy, A to Z, narrowed by words of the title, area and flexibility."""

    serializer_class = PolicySummarySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PolicyListFilter

    def get_queryset(self):
        return PolicyPage.objects.live().order_by("title", "pk").prefetch_related("tags")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "areas": live_areas()}

    @extend_schema(
        operation_id="listPolicies",
        summary=_("List live policies"),
        parameters=[AREA],
        responses={200: PolicySummarySerializer(many=True), **errors(400, 404, *ALWAYS)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["policies"], parameters=[POLICY_ID])
class PolicyDetail(APIView):
    """One live policy as in force now: the rule, why, how to explain it, and each exception
    path with its tier, limit, promised and real answer times."""

    @extend_schema(
        operation_id="getPolicy",
        summary=_("Read a live policy"),
        responses={200: PolicySerializer, **errors(404, *ALWAYS)},
    )
    def get(self, request, pk):
        policy = live_policy(pk)
        context = {
            "request": request,
            "areas": live_areas(),
            "version": selectors.version_in_force(policy=policy),
            "ledger": kept_answer_times(),
        }
        return Response(PolicySerializer(policy, context=context).data)


@extend_schema(tags=["policies"])
class PolicyAsOf(APIView):
    """The policy exactly as published on a day: the version in force at its end."""

    @extend_schema(
        operation_id="getPolicyAsOf",
        summary=_("Read a policy as it stood on a day"),
        parameters=[
            POLICY_ID,
            OpenApiParameter(
                "day",
                OpenApiTypes.DATE,
                OpenApiParameter.PATH,
                description=_("The day, yyyy-mm-dd; a version counts from the day it went live."),
            ),
        ],
        responses={200: PolicySerializer, **errors(400, 404, *ALWAYS)},
    )
    def get(self, request, pk, day):
        policy = live_policy(pk)
        parsed = _parse_day(day)
        version = selectors.version_in_force(policy=policy, day=parsed)
        if version is None:
            raise exceptions.NotFound(
                _("This policy had no published version on %(day)s.") % {"day": parsed}
            )
        context = {"request": request, "areas": live_areas(), "version": version}
        published = as_published(policy=policy, version=version)
        return Response(PolicySerializer(published, context=context).data)


@extend_schema(tags=["policies"], parameters=[POLICY_ID])
class PolicyVersions(APIView):
    """Every published version of a live policy, newest first, with its change note,
    who approved it and the cases that drove it."""

    @extend_schema(
        operation_id="listPolicyVersions",
        summary=_("List a policy's published versions"),
        responses={200: PublishedVersionSerializer(many=True), **errors(404, *ALWAYS)},
    )
    def get(self, request, pk):
        policy = live_policy(pk)
        versions = with_approvers(published_versions(policy=policy))[::-1]
        prefetch_related_objects([v.note for v in versions if v.note], "driven_by")
        return Response(PublishedVersionSerializer(versions, many=True).data)


def _parse_day(text: str) -> datetime.date:
    try:
        if DAY.fullmatch(text):
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise exceptions.ValidationError(
        {"day": [_("Write the day as yyyy-mm-dd, for example 2025-03-31.")]}
    )
