"""Response headers that keep pages safe: the content security policy, with the Wagtail
admin's allowances under its own path, and no shared caching of signed-in pages."""

import re

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.utils.cache import patch_cache_control

from .converters import LARGEST_ID

ADMIN_QUERY_MAX_LENGTH = 1000


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


class AdminQueryMiddleware:
    """Make the Wagtail admin's query parameters safe for the views that read them.

    - A number past any id answers 400: Wagtail's filters look records up by
      ids from the query, some through `id__in`, which Django does not
      range-check, and on SQLite such a number fails with an overflow instead
      of finding nothing.
    - The search box's `q` keeps only its words, as the portal's own search
      does: SQLite's FTS5 reads quotes and other punctuation as syntax, and a
      stray one fails the search instead of matching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(settings.ADMIN_CONTENT_SECURITY_POLICY_PATH):
            for _name, values in request.GET.lists():
                if any(_past_any_id(value) for value in values):
                    raise SuspiciousOperation("A number past any record's id in the query.")
                if any(len(value) > ADMIN_QUERY_MAX_LENGTH for value in values):
                    raise SuspiciousOperation("A query value longer than any filter takes.")
            if "q" in request.GET:
                query = request.GET.copy()
                query["q"] = " ".join(re.findall(r"\w+", query["q"]))
                request.GET = query
        return self.get_response(request)


def _past_any_id(value: str) -> bool:
    return len(value) >= 19 and value.isdigit() and int(value) > LARGEST_ID
