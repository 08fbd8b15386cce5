import functools
from collections.abc import Callable
from typing import TypedDict

from django.conf import settings
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Concat
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from exceptions import permissions as case_permissions
from exceptions import selectors as case_selectors
from policies.models import PolicyIndexPage, PolicyPage
from policies.permissions import may_approve_changes, may_sign, may_view_insights
from policies.selectors import (
    changes_sent_back,
    policies_to_acknowledge,
    reviews_due,
    submissions_waiting,
)

from .insights.score import DEFAULT_WINDOW_DAYS
from .insights.selectors import policies_needing_review
from .people import display_name
from .roles import may_use_admin
from .routing import ChecksKeptViewRestrictions, RoutesToItsChildType


class WorkQueue(TypedDict, total=False):
    """What waits for a person on the home page; each part only for those it concerns.

    Each part is read, and its query even built, only when the page first shows it: a
    lazy list of cases or policies, or a count the template calls. A queue kept in the
    cache runs no query.
    """

    decided_unseen: SimpleLazyObject
    follow_ups_due: SimpleLazyObject
    my_cases_waiting: SimpleLazyObject
    escalations_waiting: Callable[[], int]
    changes_waiting: Callable[[], int]
    to_acknowledge: SimpleLazyObject
    reviews_due: SimpleLazyObject
    review_recommended: SimpleLazyObject
    pressure_window_days: int
    changes_sent_back: SimpleLazyObject


RECENT_CHANGES_SHOWN = 8
QUEUE_LENGTH = 5


class HomePage(ChecksKeptViewRestrictions, RoutesToItsChildType, Page):
    """The portal's front door: search, the policy areas and the recently changed policies."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["policies.PolicyIndexPage"]
    max_count = 1
    template = "portal/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when built anew: the page keeps them (portal.freshness).
        context["areas"] = SimpleLazyObject(self.areas_with_policy_counts)
        context["recent_policies"] = SimpleLazyObject(
            lambda: PolicyPage.objects.live().order_by("-last_published_at")[:RECENT_CHANGES_SHOWN]
        )
        context.update(self.queue_for(request.user))
        return context

    def areas_with_policy_counts(self) -> QuerySet[PolicyIndexPage]:
        # A range on the tree path (as treebeard's get_children does) uses the path
        # index; "path starts with" cannot, and scanned every page once per area.
        first_child, last_child = (
            Concat(OuterRef("path"), Value(PolicyPage.alphabet[end] * PolicyPage.steplen))
            for end in (0, -1)
        )
        live_policy_count = (
            PolicyPage.objects.live()
            .filter(path__range=(first_child, last_child), depth=OuterRef("depth") + 1)
            .order_by()
            .values("depth")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            PolicyIndexPage.objects.child_of(self)
            .live()
            .annotate(policy_count=Subquery(live_policy_count, output_field=IntegerField()))
            .order_by("title")
        )

    @staticmethod
    def queue_for(user) -> WorkQueue:
        """What waits for this user: decisions on their escalations, follow-ups, their
        escalated cases, decisions to make, policies to sign, for those who edit
        policies the changes sent back to them, and for owners the reviews due and
        the policies under pressure."""
        if not case_permissions.may_view_cases(user):
            return {}
        queue: WorkQueue = {
            "decided_unseen": SimpleLazyObject(
                lambda: case_selectors.decided_since_last_looked(user=user)[:QUEUE_LENGTH]
            ),
            "follow_ups_due": SimpleLazyObject(
                lambda: case_selectors.follow_ups_due(user=user)[:QUEUE_LENGTH]
            ),
            "my_cases_waiting": SimpleLazyObject(
                lambda: case_selectors.my_cases_waiting(user=user)[:QUEUE_LENGTH]
            ),
        }
        if case_permissions.may_decide_escalations(user):
            queue["escalations_waiting"] = functools.cache(
                lambda: case_selectors.escalations_waiting_for(user=user).count()
            )
        if may_approve_changes(user):
            queue["changes_waiting"] = functools.cache(lambda: submissions_waiting().count())
        if may_sign(user):
            queue["to_acknowledge"] = SimpleLazyObject(
                lambda: policies_to_acknowledge(user=user).only(
                    "title", "url_path", "path", "depth"
                )[:QUEUE_LENGTH]
            )
        if may_use_admin(user):
            queue["changes_sent_back"] = SimpleLazyObject(
                lambda: changes_sent_back(user=user)[:QUEUE_LENGTH]
            )
        if may_view_insights(user):
            queue["reviews_due"] = SimpleLazyObject(lambda: reviews_due(owner=user)[:QUEUE_LENGTH])
            queue["review_recommended"] = SimpleLazyObject(
                lambda: policies_needing_review(owner=user)[:QUEUE_LENGTH]
            )
            queue["pressure_window_days"] = DEFAULT_WINDOW_DAYS
        return queue


class UserProfile(models.Model):
    """What the portal knows about a person beyond their login: the team they work in.

    Teams are not groups on purpose: groups are the portal's roles and carry
    permissions (re-synced on every migrate), while a team only says where
    someone sits, for the acknowledgement coverage report.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="portal_profile",
        verbose_name=_("person"),
    )
    team = models.CharField(_("team"), max_length=120, blank=True, db_index=True)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")

    def __str__(self):
        return f"{display_name(self.user)}: {self.team or '—'}"


class BreakGlassAccount(models.Model):
    """A login that keeps its password while single sign-on is on, for when the identity
    provider is down. Kept apart from the user, and editable by administrators only:
    no role is granted its permissions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="break_glass",
        verbose_name=_("person"),
    )
    reason = models.CharField(
        _("why"),
        max_length=200,
        help_text=_("Who holds this login and when it may be used."),
    )

    class Meta:
        verbose_name = _("break-glass account")
        verbose_name_plural = _("break-glass accounts")

    def __str__(self):
        return display_name(self.user)
