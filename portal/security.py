"""Response headers that keep pages safe: the content security policy, with the Wagtail
admin's allowances under its own path, and no shared caching of signed-in pages."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.cache import patch_cache_control


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware: CONTENT_SECURITY_POLICY everywhere, relaxed under the admin.

    Under ADMIN_CONTENT_SECURITY_POLICY_PATH the directives in
    ADMIN_CONTENT_SECURITY_POLICY_REPLACE take the place of the portal's (see
    base settings for why each one is needed).
    """

    def process_response(self, request, response):
        # Wagtail renders a preview by sending a stand-in request for the page's
        # public URL through the middleware. Its response is shown inside the
        # admin, whose own request sets the admin policy on it.
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(settings.ADMIN_CONTENT_SECURITY_POLICY_PATH):
            parts.replace = {
                **settings.ADMIN_CONTENT_SECURITY_POLICY_REPLACE,
                **(parts.replace or {}),
            }
        return parts


class PrivatePagesMiddleware:
    """Mark every response to a signed-in person `Cache-Control: private, no-store`.

    What one person sees (their queue, drafts, cases) must never be kept by a
    shared proxy and shown to the next, nor stay on a shared counter PC's disk.
    Static files never get here: WhiteNoise answers them earlier.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
