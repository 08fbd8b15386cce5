"""How often a token (or a signed-in session) may call the API."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class PerTokenOrUserThrottle(SimpleRateThrottle):
    """PORTAL_API_RATE calls per token; a session's calls count per person.

    Counted in the default cache, which production shares between app servers
    (Redis), so a client cannot multiply its rate by landing on several.
    """

    scope = "api"

    def get_rate(self):
        # Read when asked, not when the class is defined, so the setting may change.
        return settings.PORTAL_API_RATE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
