from http import HTTPStatus

from axes.helpers import get_client_username, get_cool_off
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse

from . import search as portal_search
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
        found = portal_search.search_portal(query=query, **filters)
        any_word = not found.hits and len(query.split()) > 1
        if any_word:
            found = portal_search.search_portal(query=query, any_word=True, **filters)
        page = Paginator(found.hits, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        narrowed = any(
            data[name] for name in ("type", "area", "outcome", "recorded_from", "recorded_to")
        )
        if not found.hits and not narrowed and page.number == 1:
            portal_search.record_unanswered(query=query)
        if not found.hits:
            context["suggestions"] = portal_search.suggest_policy_titles(query=query)
        params = request.GET.copy()
        params.pop("page", None)
        context.update(
            query=query,
            results=page,
            facets=found,
            query_string=params.urlencode(),
            narrowed=narrowed,
            any_word=any_word,
            case_window=portal_search.CASE_WINDOW,
        )
    return TemplateResponse(request, "portal/search.html", context)


def suggest(request):
    """Policy titles starting like the typed words, for the search box's suggestions."""
    prefix = request.GET.get("q", "").strip()[:100]
    if len(prefix) < AUTOCOMPLETE_MIN_LENGTH:
        return JsonResponse({"results": []})
    return JsonResponse(
        {
            "results": [
                {"title": policy.title, "url": policy.url}
                for policy in portal_search.autocomplete_policies(prefix=prefix)
            ]
        }
    )


class LogoutView(auth_views.LogoutView):
    """Log out with a POST, from the portal or the admin; a GET asks to confirm.

    Logging out on a GET would let any page log a reader out; answering it with
    Django's bare "method not allowed" left people who typed or followed a
    logout address believing they had left while their session lived on.
    """

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, "registration/logout_confirm.html")


def login_paused(request, original_response, credentials):
    """Answer a login attempt made while that username is paused from this address.

    django-axes calls this instead of the login view's own response. The page has
    no login form on purpose: every try during the pause starts the wait again.
    """
    return render(
        request,
        "registration/login_paused.html",
        {
            "username": get_client_username(request, credentials),
            "pause_minutes": int(get_cool_off(request).total_seconds() // 60),
        },
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )


def bad_request(request, exception):
    """The 400 page, for a request the portal cannot read (such as a form body that is
    not UTF-8).

    Django's own handler checks the CSRF token first, which reads the unreadable
    body again and turns the 400 into a 500; this one reads nothing of the request
    but its id, and renders without the request's context, like the 500 page.
    """
    template = loader.get_template("400.html")
    return HttpResponseBadRequest(template.render({"request_id": request.request_id}))


def server_error(request):
    """The 500 page, quoting the request id that the error's log entry carries.

    It is rendered without the request's context: whatever failed (the
    database, a context processor) must not take this page down too.
    """
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": request.request_id}))
