from http import HTTPStatus
from urllib.parse import urlencode

from axes.helpers import get_client_username, get_cool_off
from django.core.paginator import Paginator
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
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


def server_error(request):
    """The 500 page, quoting the request id that the error's log entry carries.

    It is rendered without the request's context: whatever failed (the
    database, a context processor) must not take this page down too.
    """
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": request.request_id}))
