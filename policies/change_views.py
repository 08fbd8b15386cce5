"""The portal-wide list of policy changes, as a page and as an Atom feed."""

from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .filters import ChangeFilter
from .permissions import may_read_changes
from .selectors import published_changes

CHANGES_PER_PAGE = 25
FEED_LENGTH = 50


def changes(request):
    """Every published policy version in a date range, with its summary and cited cases."""
    if not may_read_changes(request.user):
        raise PermissionDenied
    filterset = ChangeFilter(request.GET, queryset=published_changes())
    entries = filterset.qs if filterset.is_valid() else published_changes().none()
    page = Paginator(entries, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "policies/changes.html",
        {"filter": filterset, "changes": page, "query_string": query.urlencode()},
    )


class ChangesFeed(Feed):
    """The same list as an Atom feed, for feed readers on the intranet."""

    feed_type = Atom1Feed
    title = _("Policy changes")
    subtitle = _("Every policy version that went live, with what changed and why.")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        if not may_read_changes(request.user):
            raise PermissionDenied
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("policies:changes")

    def items(self):
        filterset = ChangeFilter(self.request.GET, queryset=published_changes())
        entries = filterset.qs if filterset.is_valid() else published_changes().none()
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
        author = entry.revision.user
        return (author.get_full_name() or author.get_username()) if author else ""
