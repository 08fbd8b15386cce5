"""Starting a sign-in at the identity provider, its return, and where signing out goes."""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import (  # type: ignore[import-untyped]
    OIDCAuthenticationCallbackView,
)

from . import configured, provider_name, sso_enabled


def sso_only(view):
    """`view`, open to anyone while single sign-on is on; without it the page does not exist."""

    @login_not_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not sso_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class ProviderReturnView(OIDCAuthenticationCallbackView):
    """The provider sends the person back here; a refused sign-in says so on the login page."""

    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_URL)

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Signing in with %(provider)s did not work. Try again; if it fails again, "
                "tell the service desk the time it happened."
            )
            % {"provider": provider_name()},
        )
        return super().login_failure()


def provider_logout_url(request) -> str:
    """Where signing out goes: the provider's sign-out page, when it has one and the
    session began there, which then returns to the login page; else the login page.

    Read before the session ends: it holds the ID token the provider asks for.
    """
    sso = configured()
    login_page = resolve_url(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get("oidc_id_token")
    endpoint = sso.logout_endpoint
    if not (endpoint and id_token):
        return login_page
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": sso.client_id,
            "post_logout_redirect_uri": request.build_absolute_uri(login_page),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
