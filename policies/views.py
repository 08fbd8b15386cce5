"""The policies app's views: every policy A to Z, a policy's versions, the portal-wide change
list, and what readers and owners do on a policy's page (sign it, record a review).

PolicyPage routes to the version views, so they sit under the policy's own URL;
the others are in policies.urls.
"""

import datetime
import re

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST
from wagtail.models import PageLogEntry

from portal.decorators import allowed_if
from portal.listing import filtered, page_of
from portal.people import display_name

from . import selectors, services
from .filters import ChangeFilter, PolicyFilter
from .forms import AcknowledgeForm, ReviewForm
from .history import as_published, policy_history, published_version, version_comparison
from .models import ChangeFeedLink, PolicyPage
from .permissions import may_read_changes, may_review, may_sign

DAY_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
CHANGES_PER_PAGE = 25
POLICIES_PER_A_TO_Z_PAGE = 100
FEED_LENGTH = 50


def policy_a_to_z(request):
    """Every live policy A to Z, grouped by first letter, narrowed by area and flexibility.

    Every signed-in person reads the published policies, as they read each policy's page.
    """
    filterset = PolicyFilter(request.GET, queryset=selectors.policies_a_to_z())
    policies = filtered(filterset)
    return TemplateResponse(
        request,
        "policies/policy_a_to_z.html",
        {
            "filter": filterset,
            "policies": page_of(request, policies, per_page=POLICIES_PER_A_TO_Z_PAGE),
            "letters": selectors.first_letters(policies, per_page=POLICIES_PER_A_TO_Z_PAGE),
        },
    )


def history(request, *, policy):
    """List the policy's published versions, newest first; read only when the list is not
    kept in the cache (see the template)."""
    versions = SimpleLazyObject(
        lambda: policy_history(policy=policy, page_number=request.GET.get("page"))
    )
    return TemplateResponse(
        request,
        "policies/policy_history.html",
        {
            "page": policy,
            "versions": versions,
            "in_force": SimpleLazyObject(
                lambda: selectors.version_in_force(policy=policy, among=versions)
            ),
        },
    )


def comparison(request, *, policy, older: int, newer: int):
    """Show what changed from published version `older` to version `newer`; compared only
    when the comparison is not kept in the cache (see the template)."""
    versions, _in_force = selectors.kept_versions(policy=policy)
    if not {older, newer} <= {version.number for version in versions}:
        return version_not_found(
            request,
            policy=policy,
            message=_(
                "Versions %(older)s and %(newer)s of “%(title)s” cannot be compared: "
                "at least one of them was never published."
            )
            % {"older": older, "newer": newer, "title": policy.title},
        )
    compared = SimpleLazyObject(lambda: version_comparison(policy=policy, older=older, newer=newer))
    return TemplateResponse(
        request,
        "policies/policy_comparison.html",
        {"page": policy, "comparison": compared, "older": older, "newer": newer},
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
    version = selectors.kept_version_in_force_on(policy=policy, day=parsed_day)
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

    The policy is rebuilt from the version's revision only when the template first
    needs it: a page kept in the cache does not. Its print of record gives the
    address where that version can be read: the policy's own while it is in force,
    the day it went live after that.
    """
    _versions, in_force = selectors.kept_versions(policy=policy)
    is_current = in_force is not None and in_force.number == version.number
    shown = SimpleLazyObject(lambda: as_published(policy=policy, version=version))
    policy_address = request.build_absolute_uri(policy.get_url(request))
    context = {
        "page": shown,
        "self": shown,
        "title": version.revision.object_str,
        "version": version,
        "policy_address": policy_address,
        "record_address": policy_address,
        "is_current": is_current,
        "in_force": in_force,
        "current_policy": policy,
        **PolicyPage.body_parts(shown),
    }
    if not is_current:
        as_of_url = policy.url + policy.reverse_subpage(
            "as_of", args=[timezone.localdate(version.went_live_at).isoformat()]
        )
        context["record_address"] = request.build_absolute_uri(as_of_url)
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


def _filtered_changes(request) -> tuple[ChangeFilter, QuerySet[PageLogEntry]]:
    """The change list's filters as the request set them, and the changes they let through."""
    filterset = ChangeFilter(request.GET, queryset=selectors.published_changes())
    entries = filtered(filterset)
    return filterset, entries


@allowed_if(may_read_changes)
def changes(request):
    """Every published policy version in a date range, with its summary and cited cases."""
    filterset, entries = _filtered_changes(request)
    page = page_of(request, entries, per_page=CHANGES_PER_PAGE)
    return TemplateResponse(
        request, "policies/changes.html", {"filter": filterset, "changes": page}
    )


class ChangesFeed(Feed):
    """The same list as an Atom feed, for feed readers on the intranet."""

    feed_type = Atom1Feed
    title = gettext_lazy("Policy changes")
    subtitle = gettext_lazy("Every policy version that went live, with what changed and why.")

    def get_object(self, request, *args, **kwargs):
        """The request: its filters narrow the feed as they narrow the list.

        Handed to items() rather than kept on the feed, which serves every request.
        """
        if not may_read_changes(request.user):
            raise PermissionDenied
        return request

    def link(self):
        return reverse("policies:changes")

    def items(self, request):
        _filterset, entries = _filtered_changes(request)
        return entries[:FEED_LENGTH]

    def item_title(self, entry):
        return f"{entry.page.title}: {entry.revision.policy_note.summary}"

    def item_description(self, entry):
        note = entry.revision.policy_note
        cited = ", ".join(f"#{case.pk}" for case in note.driven_by.all())
        description = f"{note.get_kind_display()}. {note.summary}"
        return f"{description} Cases that drove it: {cited}." if cited else description

    def item_link(self, entry):
        return entry.page.url + "history/"

    def item_pubdate(self, entry):
        return entry.timestamp

    def item_guid(self, entry):
        return f"policy-change-{entry.pk}"

    def item_guid_is_permalink(self, entry):
        return False

    def item_author_name(self, entry):
        return display_name(entry.revision.user)


@method_decorator(cache_control(private=True, no_store=True), name="__call__")
class PrivateChangesFeed(ChangesFeed):
    """The change feed at a person's private address, for a feed reader without a session.

    It shows what its owner may read, and nothing once the link is revoked or the
    owner may no longer read the changes: both answer 404, as an unknown link does.
    """

    def get_object(self, request, *args, secret: str, **kwargs):
        if selectors.change_feed_reader(secret=secret) is None:
            raise Http404
        return request


@allowed_if(may_read_changes)
def change_feed_link(request):
    """Make, replace or revoke the reader's private link to the change feed.

    The link's secret is kept only as a hash, so it is shown on the page that made it
    and never again.
    """
    new_link = None
    if request.method == "POST":
        if "revoke" in request.POST:
            services.revoke_change_feed_link(user=request.user)
            messages.success(request, _("Your private feed link is revoked: it no longer works."))
            return redirect("policies:feed_link")
        secret = services.make_change_feed_link(user=request.user)
        new_link = request.build_absolute_uri(
            reverse("policies:private_changes_feed", kwargs={"secret": secret})
        )
    return TemplateResponse(
        request,
        "policies/change_feed_link.html",
        {
            "new_link": new_link,
            "link": ChangeFeedLink.objects.filter(user=request.user).first(),
        },
    )


@require_POST
def mark_reviewed(request, pk):
    """Record "reviewed, still valid" and move the next review date forward."""
    policy = get_object_or_404(PolicyPage.objects.live(), pk=pk)
    if not may_review(policy=policy, user=request.user):
        raise PermissionDenied(_("Only the policy's owner or leadership may record a review."))
    form = ReviewForm(request.POST)
    if form.is_valid():
        next_due = services.record_review(
            policy=policy, user=request.user, note=form.cleaned_data["note"]
        )
        messages.success(
            request,
            _("Review recorded. The next review is due on %(date)s.")
            % {"date": date_format(next_due, "j F Y")},
        )
    else:
        messages.error(request, " ".join(str(error) for error in form.errors["note"]))
    return redirect(f"{policy.url}#review")


@require_POST
@allowed_if(may_sign)
def acknowledge(request, pk):
    """Sign the version of the policy the reader just read."""
    policy = get_object_or_404(PolicyPage.objects.live(), pk=pk)
    form = AcknowledgeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Reload the policy and try again."))
        services.acknowledge_policy(
            policy=policy, user=request.user, revision_id=form.cleaned_data["revision"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: you have acknowledged this version."))
    return redirect(f"{policy.url}#acknowledge")
