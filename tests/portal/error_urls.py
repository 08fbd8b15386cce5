"""The portal's URLs plus two that fail on purpose, to show the 403 and 500 pages."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from portal import urls as portal_urls


def refuse(request):
    raise PermissionDenied


def break_down(request):
    raise RuntimeError("The rulebook index is unreadable")


handler400 = portal_urls.handler400
handler500 = portal_urls.handler500

urlpatterns = [
    path("failing/forbidden/", refuse),
    path("failing/broken/", break_down),
    *portal_urls.urlpatterns,
]
