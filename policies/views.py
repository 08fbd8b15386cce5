"""A policy's history pages. PolicyPage routes to them, so they sit under the policy's own URL."""

import datetime
import re

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import selectors
from .history import as_published, policy_history, published_version, version_comparison

DAY_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")


def history(request, *, policy):
    """List the policy's published versions, newest first."""
    versions = policy_history(policy=policy, page_number=request.GET.get("page"))
    return TemplateResponse(
        request,
        "policies/policy_history.html",
        {
            "page": policy,
            "versions": versions,
            "in_force": selectors.version_in_force(policy=policy, among=versions),
        },
    )


def comparison(request, *, policy, older: int, newer: int):
    """Show what changed from published version `older` to version `newer`."""
    compared = version_comparison(policy=policy, older=older, newer=newer)
    if compared is None:
        return version_not_found(
            request,
            policy=policy,
            message=_(
                "Versions %(older)s and %(newer)s of “%(title)s” cannot be compared: "
                "at least one of them was never published."
            )
            % {"older": older, "newer": newer, "title": policy.title},
        )
    return TemplateResponse(
        request, "policies/policy_comparison.html", {"page": policy, "comparison": compared}
    )


def as_of(request, *, policy, day: str):
    """Show the policy exactly as it was published on `day`, written yyyy-mm-dd."""
    parsed_day = parse_day(day)
    if parsed_day is None:
        return version_not_found(
            request,
            policy=policy,
            message=_(
                "“%(day)s” is not a valid date. Write dates as yyyy-mm-dd, for example 2025-03-31."
            )
            % {"day": day},
        )
    version = selectors.version_in_force(policy=policy, day=parsed_day)
    if version is None:
        return version_not_found(
            request,
            policy=policy,
            message=_("“%(title)s” was not in force on %(day)s: it had no published version then.")
            % {"title": policy.title, "day": date_format(parsed_day, "j F Y")},
        )
    context = _version_context(request, policy=policy, version=version)
    context["as_of"] = parsed_day
    return TemplateResponse(request, "policies/policy_page_as_of.html", context)


def version_pdf(request, *, policy, number: int):
    """Send published version `number` of the policy as a PDF: its print of record."""
    version = published_version(policy=policy, number=number)
    if version is None:
        return version_not_found(
            request,
            policy=policy,
            message=_("“%(title)s” has no published version %(number)s.")
            % {"title": policy.title, "number": number},
        )
    # WeasyPrint is loaded by the first PDF asked for, not by every worker that starts.
    from .pdf import html_to_pdf

    context = _version_context(request, policy=policy, version=version)
    html = render_to_string("policies/policy_version_pdf.html", context, request=request)
    response = HttpResponse(
        html_to_pdf(html, base_url=request.build_absolute_uri("/")),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{policy.slug}-version-{version.number}.pdf"'
    )
    return response


def _version_context(request, *, policy, version) -> dict:
    """What the policy's template needs to show `version` as it was published.

    Its print of record gives the address where that version can be read: the
    policy's own while it is in force, the day it went live after that.
    """
    in_force = selectors.version_in_force(policy=policy, among=[version])
    is_current = in_force is not None and in_force.number == version.number
    context = as_published(policy=policy, version=version).get_context(request)
    if not is_current:
        as_of_url = policy.url + policy.reverse_subpage(
            "as_of", args=[timezone.localdate(version.went_live_at).isoformat()]
        )
        context["record_address"] = request.build_absolute_uri(as_of_url)
    context.update({"is_current": is_current, "in_force": in_force, "current_policy": policy})
    return context


def version_not_found(request, *, policy, message: str):
    return TemplateResponse(
        request,
        "policies/policy_version_not_found.html",
        {"page": policy, "message": message},
        status=404,
    )


def parse_day(text: str) -> datetime.date | None:
    """Return the date written as yyyy-mm-dd in `text`, or None when it is no real date."""
    if not DAY_PATTERN.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None
