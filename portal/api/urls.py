"""The API under /api/v1/, its schema and documentation, and the page of one's tokens."""

from csp.constants import SELF
from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import token_views
from .views import case_actions, cases, not_found, policies, search

app_name = "api"

swagger = SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html")


# Swagger UI's stylesheet draws its icons from data: URIs; its scripts and styles come
# from the portal's own static files (drf-spectacular-sidecar), its settings script too.
@csp_update({"img-src": [SELF, "data:"]})
def api_docs(request, *args, **kwargs):
    """The documentation page (Swagger UI), for signed-in people: unlike the API views
    it leaves Django's login requirement on, so a visitor is sent to sign in."""
    return swagger(request, *args, **kwargs)


urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", api_docs, name="docs"),
    path("api/v1/policies/", policies.PolicyList.as_view(), name="policies"),
    path("api/v1/policies/<id:pk>/", policies.PolicyDetail.as_view(), name="policy"),
    path(
        "api/v1/policies/<id:pk>/as-of/<str:day>/",
        policies.PolicyAsOf.as_view(),
        name="policy_as_of",
    ),
    path(
        "api/v1/policies/<id:pk>/versions/",
        policies.PolicyVersions.as_view(),
        name="policy_versions",
    ),
    path("api/v1/search/", search.Search.as_view(), name="search"),
    path("api/v1/cases/", cases.CaseList.as_view(), name="cases"),
    path("api/v1/cases/similar/", cases.SimilarCases.as_view(), name="similar_cases"),
    path("api/v1/cases/<id:pk>/", cases.CaseDetail.as_view(), name="case"),
    path("api/v1/cases/<id:pk>/decision/", case_actions.DecideCase.as_view(), name="decide"),
    path("api/v1/cases/<id:pk>/follow-up/", case_actions.FollowUpCase.as_view(), name="follow_up"),
    path("api/v1/cases/<id:pk>/withdrawal/", case_actions.WithdrawCase.as_view(), name="withdraw"),
    # Last under api/: whatever the operations above do not match.
    re_path(r"^api/", not_found.NoSuchOperation.as_view(), name="no_such_operation"),
    path("account/tokens/", token_views.api_tokens, name="tokens"),
    path("account/tokens/<id:pk>/revoke/", token_views.revoke_token, name="revoke_token"),
]
