"""Changes to a case: deciding an escalation, its follow-up, withdrawing it.

Each goes through its case service, as the case page's forms do: the service
locks the case, asks the named predicate of exceptions.permissions about the
case as it stands, and refuses a change based on an older change count. The
refusals answer in the one error shape (portal.api.errors): 403 with the tier
needed, 409 with the case as it stands.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from exceptions import services

from ..permissions import DecidesEscalations, ReadsCases
from ..responses import ALWAYS, errors
from ..serializers.cases import (
    CaseSerializer,
    DecideSerializer,
    FollowUpSerializer,
    WithdrawSerializer,
)
from .cases import CASE_ID, cases_with_context

WRITE_ERRORS = errors(400, 404, 409, *ALWAYS)


class CaseAction(APIView):
    """POST a change to one case; `change` calls its service with the validated data."""

    serializer_class: type = DecideSerializer
    permission_classes = [ReadsCases]
    refusals_name_a_tier = False

    def change(self, case, data):
        raise NotImplementedError

    def post(self, request, pk):
        case = get_object_or_404(cases_with_context(), pk=pk)
        sent = self.serializer_class(data=request.data)
        sent.is_valid(raise_exception=True)
        self.change(case, sent.validated_data)
        changed = cases_with_context().get(pk=pk)
        return Response(CaseSerializer(changed, context={"request": request}).data)


@extend_schema(tags=["cases"], parameters=[CASE_ID])
class DecideCase(CaseAction):
    """Decide an escalated case, as someone of its tier who did not raise it."""

    serializer_class = DecideSerializer
    permission_classes = [DecidesEscalations]
    # A decider refused for their tier is told the tier the case waits for.
    refusals_name_a_tier = True

    @extend_schema(
        operation_id="decideCase",
        summary=_("Decide an escalated case"),
        request=DecideSerializer,
        examples=[
            OpenApiExample(
                "Grant less than asked",
                value={
                    "decision": "grant",
                    "rationale": "A loyal customer; half the amount is fair.",
                    "granted_amount": 30,
                    "change_count": 1,
                },
                request_only=True,
            )
        ],
        responses={200: CaseSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk):
        return super().post(request, pk)

    def change(self, case, data):
        services.decide_escalation(
            precedent=case,
            decider=self.request.user,
            decision=data["decision"],
            rationale=data["rationale"],
            expected_change_count=data["change_count"],
            granted_amount=data["granted_amount"],
        )


@extend_schema(tags=["cases"], parameters=[CASE_ID])
class FollowUpCase(CaseAction):
    """Record how a decided case ended, as its recorder."""

    serializer_class = FollowUpSerializer

    @extend_schema(
        operation_id="followUpCase",
        summary=_("Record a case's follow-up"),
        request=FollowUpSerializer,
        examples=[
            OpenApiExample(
                "Resolved",
                value={"result": "resolved", "notes": "Customer thanked us.", "change_count": 2},
                request_only=True,
            )
        ],
        responses={200: CaseSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk):
        return super().post(request, pk)

    def change(self, case, data):
        services.record_follow_up(
            precedent=case,
            user=self.request.user,
            result=data["result"],
            notes=data["notes"],
            expected_change_count=data["change_count"],
        )


@extend_schema(tags=["cases"], parameters=[CASE_ID])
class WithdrawCase(CaseAction):
    """Withdraw a case, as its recorder or leadership: it stays on record, counting no more."""

    serializer_class = WithdrawSerializer

    @extend_schema(
        operation_id="withdrawCase",
        summary=_("Withdraw a case"),
        request=WithdrawSerializer,
        examples=[
            OpenApiExample(
                "Recorded by mistake",
                value={"reason": "Recorded under the wrong policy.", "change_count": 1},
                request_only=True,
            )
        ],
        responses={200: CaseSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk):
        return super().post(request, pk)

    def change(self, case, data):
        services.withdraw_precedent(
            precedent=case,
            user=self.request.user,
            reason=data["reason"],
            expected_change_count=data["change_count"],
        )
