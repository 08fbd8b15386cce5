"""The sign-in's two steps: off to the provider, and back from it.

The names are mozilla-django-oidc's, which finds its return address by name.
"""

from django.urls import path
from mozilla_django_oidc.views import (  # type: ignore[import-untyped]
    OIDCAuthenticationRequestView,
)

from .views import ProviderReturnView, sso_only

urlpatterns = [
    path(
        "authenticate/",
        sso_only(OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "callback/",
        sso_only(ProviderReturnView.as_view()),
        name="oidc_authentication_callback",
    ),
]
