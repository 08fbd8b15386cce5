"""The search page, the search box's suggestions, and the unanswered searches' action."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from portal import freshness
from portal.decorators import allowed_if
from portal.listing import page_of

from . import selectors, services
from .forms import AddSearchPhraseForm, SearchForm
from .models import UnansweredSearch
from .permissions import may_read_unanswered

SEARCH_RESULTS_PER_PAGE = 20
AUTOCOMPLETE_MIN_LENGTH = 2


def search(request):
    """Policies and cases for the query in one ranked list, narrowed by facets in the URL."""
    form = SearchForm(request.GET)
    context = {"form": form, "query": ""}
    if form.is_valid() and form.cleaned_data["q"].strip():
        results = kept_results(request, form)
        if results.unanswered:
            services.record_unanswered(query=results.query)
        context.update(query=results.query, results_html=results.html)
    return TemplateResponse(request, "search/search.html", context)


@dataclass(frozen=True)
class Results:
    """The results part of a search page, rendered, and what the view needs to know of it."""

    query: str
    html: str
    # Nothing found for the whole query, unnarrowed, on its first page: counted as unanswered.
    unanswered: bool


def kept_results(request, form):
    """The Results for the request's query string, the same for every reader: kept until a
    policy, a case or a name changes (portal.freshness), or rendered afresh."""
    scopes = freshness.versions_of(freshness.POLICIES, freshness.CASES, freshness.PEOPLE)
    key = hashlib.sha256(
        "|".join([request.GET.urlencode(), *scopes.values(), freshness.release()]).encode()
    ).hexdigest()
    return cache.get_or_set(
        f"search-results:{key}",
        lambda: rendered_results(request, form),
        settings.PORTAL_FRAGMENT_SECONDS,
    )


def rendered_results(request, form) -> Results:
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
    context = {
        "form": form,
        "query": query,
        "results": page,
        "facets": found,
        "narrowed": narrowed,
        "any_word": answer.any_word,
        "corrected": answer.corrected,
        "shown_query": answer.corrected or query,
        "case_window": selectors.CASE_WINDOW,
        "suggestions": [] if found.hits else selectors.suggest_policy_titles(query=query),
    }
    return Results(
        query=query,
        html=render_to_string("search/includes/results.html", context, request),
        unanswered=not found.hits and not narrowed and page.number == 1,
    )


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


@allowed_if(may_read_unanswered)
def add_to_policy(request, pk):
    """Save a draft of one of the user's policies that is also searched as these words,
    then open it in the editor to be checked and submitted for approval."""
    unanswered = get_object_or_404(UnansweredSearch, pk=pk)
    policies = selectors.policies_to_add_phrases_to(user=request.user)
    form = AddSearchPhraseForm(
        request.POST or None, policies=policies, initial={"phrase": unanswered.query}
    )
    if form.is_valid():
        policy = form.cleaned_data["policy"]
        try:
            services.add_search_phrase(
                policy=policy, phrase=form.cleaned_data["phrase"], author=request.user
            )
        except ValidationError as error:
            form.add_error("policy", error)
        else:
            messages.success(
                request,
                _(
                    "“%(phrase)s” is in a new draft of %(policy)s: "
                    "check it and submit it for approval."
                )
                % {"phrase": form.cleaned_data["phrase"], "policy": policy.title},
            )
            return redirect(reverse("wagtailadmin_pages:edit", args=[policy.pk]))
    return TemplateResponse(
        request, "search/add_to_policy.html", {"form": form, "unanswered": unanswered}
    )
