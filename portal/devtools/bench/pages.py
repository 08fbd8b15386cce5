"""The pages the benchmark measures, and the objects their addresses are built from.

To measure a new page, add a BenchPage to PAGES: a name, how its address is
built from the Sample, its target (how many times the floor's p95 it may take)
and the role that reads it. Pages are read as frontline staff unless the page
is for another role: the Wagtail user bar that editors and leadership see on
every page is their own cost, not the page's. A page marked `optional` is
skipped, with a note, where it answers 404: that is how pages still being built
elsewhere are listed before they land.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse

from exceptions.models import Precedent
from policies.history import published_versions
from policies.models import PolicyIndexPage, PolicyPage
from portal import roles
from portal.devtools.scale.text import RARE_TERM


@dataclass(frozen=True)
class Sample:
    """The objects behind the measured addresses, chosen the same way at every size."""

    area_url: str
    policy_url: str
    policy: int
    versions: int
    middle_day: datetime.date
    case: int
    cases: int
    policies: int

    @classmethod
    def choose(cls) -> "Sample":
        """The first area; among policies that link to others and carry tags (whose pages
        show the most), the one with most cases; its latest case that went through
        escalation; and how many versions that policy has published.
        """
        fullest = PolicyPage.objects.live().filter(
            related_policy_links__isnull=False, tagged_items__isnull=False
        )
        busiest = (
            Precedent.objects.filter(policy__in=fullest.values("pk"))
            .values("policy")
            .annotate(count=Count("pk"))
            .order_by("-count", "policy")
            .values_list("policy", flat=True)
            .first()
        )
        policy = (
            PolicyPage.objects.live().filter(pk=busiest).first()
            or PolicyPage.objects.live().order_by("path").first()
        )
        cases = Precedent.objects.filter(policy=policy).order_by("-pk")
        case = cases.filter(escalated_at__isnull=False).first() or cases.first()
        versions = published_versions(policy=policy)
        first, last = versions[0].went_live_at, versions[-1].went_live_at
        return cls(
            area_url=PolicyIndexPage.objects.live().order_by("path").first().url,
            policy_url=policy.url,
            policy=policy.pk,
            versions=len(versions),
            middle_day=(first + (last - first) / 2).date(),
            case=case.pk if case else 0,
            cases=Precedent.objects.count(),
            policies=PolicyPage.objects.live().count(),
        )


@dataclass(frozen=True)
class BenchPage:
    name: str
    url: Callable[[Sample], str]
    target: float | None
    role: str = roles.STAFF
    optional: bool = False


FLOOR = "floor (/healthz/)"

PAGES = [
    BenchPage(FLOOR, lambda s: reverse("healthz"), None),
    BenchPage("home", lambda s: "/", 3),
    BenchPage("area listing", lambda s: s.area_url, 3),
    BenchPage("policy page", lambda s: s.policy_url, 3),
    BenchPage(
        "case list, 2 filters",
        lambda s: reverse("exceptions:list") + "?outcome=granted&tier=1",
        3,
    ),
    BenchPage("case detail", lambda s: reverse("exceptions:detail", args=[s.case]), 5),
    BenchPage(
        "escalations queue",
        lambda s: reverse("exceptions:escalations"),
        5,
        role=roles.SUPERVISORS,
    ),
    BenchPage("search, common word", lambda s: reverse("search") + "?q=refund", 8),
    BenchPage("search, rare word", lambda s: reverse("search") + f"?q={RARE_TERM}", 8),
    BenchPage("policy history", lambda s: f"{s.policy_url}history/", 5, optional=True),
    BenchPage(
        "compare two versions",
        lambda s: f"{s.policy_url}history/1...{s.versions}/",
        5,
        optional=True,
    ),
    BenchPage(
        "policy as of a day",
        lambda s: f"{s.policy_url}as-of/{s.middle_day.isoformat()}/",
        5,
        optional=True,
    ),
    BenchPage("insights", lambda s: "/insights/", 5, role=roles.LEADERSHIP, optional=True),
    BenchPage("approvals inbox", lambda s: reverse("approvals:inbox"), 5, role=roles.LEADERSHIP),
    BenchPage("evidence", lambda s: reverse("evidence"), 15, role=roles.LEADERSHIP),
    BenchPage(
        "policy evidence",
        lambda s: reverse("policy_evidence", args=[s.policy]),
        15,
        role=roles.LEADERSHIP,
    ),
]
