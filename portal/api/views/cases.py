"""Cases: the list with the case list's filters, one case, similar cases, and recording one.

Recording goes through exceptions.services.record_precedent, as the record form
does: the same authority rules, refusals and one-time submission token.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import APIView

from exceptions import services, similar
from exceptions.models import Precedent
from exceptions.refusals import AlreadyRecorded
from policies.models import PolicyPage

from ..filters import CaseFilter
from ..permissions import ReadsCases, RecordsCases
from ..responses import ALWAYS, AREA, errors, record_id
from ..serializers.cases import CaseBriefSerializer, CaseSerializer, RecordCaseSerializer
from ..serializers.search import SimilarQuerySerializer

CASE_ID = record_id(_("The case's id."))
RECORD_EXAMPLE = OpenApiExample(
    "Grant within a path",
    value={
        "policy": 12,
        "path": 3,
        "requested": "granted",
        "amount": 40,
        "situation": "Parcel arrived damaged; customer wants a partial refund.",
        "rationale": "Photos show the damage; within the goodwill path.",
        "channel": "email",
        "tags": ["damaged"],
        "escalate": False,
        "submission_token": "7d4b9f0e-2f7c-4a51-9d1e-3f6f3b2a9c11",
    },
    request_only=True,
)


def cases_with_context():
    """Cases with what CaseSerializer shows, in two queries however many."""
    return Precedent.objects.select_related("policy", "recorded_by", "decided_by").prefetch_related(
        "tagged_items__tag"
    )


@extend_schema(tags=["cases"])
class CaseList(generics.ListAPIView):
    """Cases with the case list's filters, newest first; and recording a case."""

    serializer_class = CaseSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = CaseFilter

    def get_permissions(self):
        return [ReadsCases() if self.request.method in SAFE_METHODS else RecordsCases()]

    def get_queryset(self):
        return cases_with_context()

    @extend_schema(
        operation_id="listCases",
        summary=_("List cases"),
        parameters=[AREA],
        responses={200: CaseSerializer(many=True), **errors(400, 404, *ALWAYS)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="recordCase",
        summary=_("Record a case, decided on the spot or escalated"),
        description=_(
            "Judged by the rules of the version in force, as the record form is. A case "
            "beyond the caller's authority is refused with 403 `needs_escalation` and the "
            "tier needed, unless `escalate` sends it to that tier. The same "
            "`submission_token` sent again answers 200 with the case first recorded."
        ),
        request=RecordCaseSerializer,
        examples=[RECORD_EXAMPLE],
        responses={
            201: OpenApiResponse(CaseSerializer, description=_("Recorded.")),
            200: OpenApiResponse(
                CaseSerializer, description=_("Recorded before with this submission token.")
            ),
            **errors(400, *ALWAYS),
        },
    )
    def post(self, request):
        sent = RecordCaseSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        data = sent.validated_data
        try:
            case = services.record_precedent(
                policy=data["policy"],
                recorder=request.user,
                path=data["path"],
                requested=data["requested"],
                amount=data["amount"],
                situation=data["situation"],
                rationale=data["rationale"],
                channel=data["channel"],
                tags=data["tags"],
                escalate=data["escalate"],
                submission_token=data["submission_token"],
            )
        except AlreadyRecorded as sent_before:
            return Response(self._shown(sent_before.case), status=status.HTTP_200_OK)
        return Response(self._shown(case), status=status.HTTP_201_CREATED)

    def _shown(self, case):
        case = cases_with_context().get(pk=case.pk)
        return CaseSerializer(case, context=self.get_serializer_context()).data


@extend_schema(tags=["cases"], parameters=[CASE_ID])
class CaseDetail(APIView):
    permission_classes = [ReadsCases]

    @extend_schema(
        operation_id="getCase",
        summary=_("Read a case"),
        responses={200: CaseSerializer, **errors(404, *ALWAYS)},
    )
    def get(self, request, pk):
        case = get_object_or_404(cases_with_context(), pk=pk)
        return Response(CaseSerializer(case, context={"request": request}).data)


@extend_schema(tags=["cases"])
class SimilarCases(APIView):
    """Has this happened before? The cases under a policy most like a situation."""

    permission_classes = [ReadsCases]

    @extend_schema(
        operation_id="listSimilarCases",
        summary=_("Find cases similar to a situation"),
        parameters=[
            OpenApiParameter(
                "policy",
                OpenApiTypes.INT,
                required=True,
                description=_("The live policy's id."),
            ),
            OpenApiParameter(
                "situation",
                OpenApiTypes.STR,
                required=True,
                description=_("The situation, in words; the first 2,000 characters count."),
            ),
        ],
        responses={200: CaseBriefSerializer(many=True), **errors(400, 404, *ALWAYS)},
    )
    def get(self, request):
        query = SimilarQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        policy = get_object_or_404(PolicyPage.objects.live(), id=query.validated_data["policy"])
        cases = similar.kept_similar_cases(
            policy_id=policy.pk, text=query.validated_data["situation"][:2000]
        )
        return Response(CaseBriefSerializer(cases, many=True).data)
