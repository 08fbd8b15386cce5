"""One search over live policies and the cases the caller may read."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from exceptions.permissions import may_view_cases
from policies.models import PolicyIndexPage
from portal.search import selectors
from portal.search.selectors import POLICY

from ..responses import ALWAYS, errors
from ..serializers.search import SearchAnswerSerializer, SearchQuerySerializer

RESULTS_SHOWN = 50


@extend_schema(tags=["search"])
class Search(APIView):
    """Policies and cases for some words, ranked together as the search page ranks them.
    Someone who may not read cases finds policies only."""

    @extend_schema(
        operation_id="search",
        summary=_("Search policies and cases"),
        parameters=[SearchQuerySerializer],
        responses={200: SearchAnswerSerializer, **errors(400, *ALWAYS)},
    )
    def get(self, request):
        asked = SearchQuerySerializer(data=request.query_params)
        asked.is_valid(raise_exception=True)
        data = asked.validated_data
        query = " ".join(data["q"].split())
        area = None
        if "area" in data:
            area = PolicyIndexPage.objects.live().filter(id=data["area"]).first()
            if area is None:
                raise ValidationError({"area": [_("No live policy area has this id.")]})
        kind = data.get("type")
        if not may_view_cases(request.user):
            kind = POLICY
        answer = selectors.answer_query(
            query=query,
            exact=data["exact"],
            kind=kind,
            area=area,
            outcome=data.get("outcome"),
            recorded_from=data.get("recorded_from"),
            recorded_to=data.get("recorded_to"),
        )
        body = {
            "searched_for": answer.corrected or query,
            "corrected": answer.corrected is not None,
            "any_word": answer.any_word,
            "results": answer.found.hits[:RESULTS_SHOWN],
        }
        return Response(SearchAnswerSerializer(body).data)
