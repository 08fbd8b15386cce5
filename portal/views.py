"""The portal's own pages: logging out, a paused login, and the 400 and 500 pages."""

from http import HTTPStatus

from axes.helpers import get_client_username, get_cool_off
from django.contrib.auth import views as auth_views
from django.http import HttpResponseBadRequest, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse

from .sso import sso_enabled
from .sso.views import provider_logout_url


class LogoutView(auth_views.LogoutView):
    """Log out with a POST, from the portal or the admin; a GET asks to confirm.

    Logging out on a GET would let any page log a reader out; answering it with
    Django's bare "method not allowed" left people who typed or followed a
    logout address believing they had left while their session lived on.
    """

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, "registration/logout_confirm.html")

    def post(self, request, *args, **kwargs):
        """End the session; with single sign-on, go on to end the provider's session too."""
        provider_logout = None
        if sso_enabled() and request.user.is_authenticated:
            provider_logout = provider_logout_url(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_logout) if provider_logout else response


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
