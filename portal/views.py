from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from policies.models import PolicyPage

SEARCH_RESULTS_PER_PAGE = 20


def search(request):
    """Search the published policies; an empty query shows the search form alone."""
    query = request.GET.get("q", "").strip()
    results = PolicyPage.objects.live().search(query) if query else PolicyPage.objects.none()
    return TemplateResponse(
        request,
        "portal/search.html",
        {
            "query": query,
            "query_string": urlencode({"q": query}),
            "results": Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(
                request.GET.get("page")
            ),
        },
    )
