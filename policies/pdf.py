"""A policy version as a PDF: its print of record, made by WeasyPrint from the page's HTML.

WeasyPrint lays the page out for print, so the PDF reads like the printed
page: the same template and the same print stylesheet, nothing interactive.
"""

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class PortalStaticFilesOnly(URLFetcher):
    """Reads the portal's own stylesheets and images from disk, and nothing else.

    A policy's text may link anywhere; making a PDF must never make the server
    fetch an address someone typed, so anything but a static file is refused.
    """

    def fetch(self, url, headers=None):
        path = urlsplit(url).path
        if not path.startswith(settings.STATIC_URL):
            raise ValueError(f"Not one of the portal's static files: {url}")
        found = static_file(path.removeprefix(settings.STATIC_URL))
        if found is None:
            raise ValueError(f"No such static file: {url}")
        content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=found.read_bytes(), headers={"Content-Type": content_type}
        )


def static_file(name: str) -> Path | None:
    """The file behind a static name: in an app's folder, or collected (production).

    The app's folder comes first, so a stale collected copy left on a
    developer's machine never stands in for the stylesheet being edited; the
    hashed names production pages link to exist only among the collected files.
    """
    try:
        found = finders.find(name)
        if found:
            return Path(found)
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except SuspiciousFileOperation:
        return None
    return None


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    """Lay `html` out as printed pages and return the PDF."""
    return HTML(
        string=html, base_url=base_url, url_fetcher=PortalStaticFilesOnly(), media_type="print"
    ).write_pdf()
