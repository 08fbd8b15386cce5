"""The search page and the search box's suggestions."""

from django.http import JsonResponse
from django.template.response import TemplateResponse

from portal.listing import page_of

from . import selectors, services
from .forms import SearchForm

SEARCH_RESULTS_PER_PAGE = 20
AUTOCOMPLETE_MIN_LENGTH = 2


def search(request):
    """Policies and cases for the query in one ranked list, narrowed by facets in the URL."""
    form = SearchForm(request.GET)
    context = {"form": form, "query": ""}
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        query = " ".join(data["q"].split())
        filters = {
            "kind": data["type"] or None,
            "area": data["area"],
            "outcome": data["outcome"] or None,
            "recorded_from": data["recorded_from"],
            "recorded_to": data["recorded_to"],
        }
        answer = selectors.answer_query(query=query, exact=data["exact"], **filters)
        found = answer.found
        page = page_of(request, found.hits, per_page=SEARCH_RESULTS_PER_PAGE)
        narrowed = any(
            data[name] for name in ("type", "area", "outcome", "recorded_from", "recorded_to")
        )
        if not found.hits and not narrowed and page.number == 1:
            services.record_unanswered(query=query)
        if not found.hits:
            context["suggestions"] = selectors.suggest_policy_titles(query=query)
        context.update(
            query=query,
            results=page,
            facets=found,
            narrowed=narrowed,
            any_word=answer.any_word,
            corrected=answer.corrected,
            shown_query=answer.corrected or query,
            case_window=selectors.CASE_WINDOW,
        )
    return TemplateResponse(request, "search/search.html", context)


def suggest(request):
    """Policy titles starting like the typed words, for the search box's suggestions."""
    prefix = request.GET.get("q", "").strip()[:100]
    if len(prefix) < AUTOCOMPLETE_MIN_LENGTH:
        return JsonResponse({"results": []})
    return JsonResponse(
        {
            "results": [
                {"title": policy.title, "url": policy.url}
                for policy in selectors.autocomplete_policies(prefix=prefix)
            ]
        }
    )
