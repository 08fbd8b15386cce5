"""One id per request: in the X-Request-ID response header, in every log line, on the 500 page.

A user who quotes the id from the error page leads straight to the log entry
with the traceback.
"""

import contextvars
import logging
import re
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
OUTSIDE_A_REQUEST = "-"

# An id set by the load balancer is kept, so one request has one id end to end.
# Anything else (too long, or with characters that could forge a log line) is
# replaced by a fresh one.
WELL_FORMED_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,63}")

_current_request_id = contextvars.ContextVar("request_id", default=OUTSIDE_A_REQUEST)


def current_request_id() -> str:
    """Return the id of the request being served, or "-" outside any request."""
    return _current_request_id.get()


class RequestIdMiddleware:
    """Give the request its id (request.request_id) and send it back as X-Request-ID."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        if WELL_FORMED_REQUEST_ID.fullmatch(incoming):
            request.request_id = incoming
        else:
            request.request_id = str(uuid.uuid4())
        token = _current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


class RequestIdLogFilter(logging.Filter):
    """Add `request_id` to every log record, for the `%(request_id)s` of the log format."""

    def filter(self, record):
        # Django logs a 4xx or 5xx status once the middleware has finished, so
        # outside the request's context; it passes the request along instead.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or current_request_id()
        return True
