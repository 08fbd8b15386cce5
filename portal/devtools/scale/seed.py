"""Seed the large company step by step, timing each step."""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from exceptions.models import Precedent
from policies.models import PolicyPage
from policies.services import refresh_signable_versions
from portal import roles
from portal.models import HomePage
from portal.progress import Progress
from portal.search.services import keep_policy_terms

from . import text
from .approvals import write_approvals
from .cases import CaseWriter
from .indexing import add_foreign_key_references, add_references, add_to_search_index
from .people import BENCH_LOGINS, create_workforce
from .publishing import PolicyWriter, create_areas
from .rulebook import plan_policies
from .text import Writer


@dataclass(frozen=True)
class Size:
    areas: int = 40
    policies: int = 2000
    cases: int = 200_000
    years: int = 3


def already_seeded() -> bool:
    return get_user_model().objects.filter(username=BENCH_LOGINS[roles.LEADERSHIP]).exists()


def recreate_database() -> None:
    """Drop every table of this PostgreSQL database and migrate it afresh."""
    if connection.vendor != "postgresql":
        raise ValueError("Starting over drops the whole schema, which is done on PostgreSQL only.")
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", interactive=False, verbosity=0)


class Seeder:
    """Run the steps in order; `timings` holds seconds per step once done."""

    def __init__(self, *, size: Size, seed: int, stdout, verbosity: int = 1):
        self.size = size
        self.stdout = stdout
        self.verbosity = verbosity
        self.writer = Writer(random.Random(seed))  # noqa: S311 - made-up content, no secrets
        self.now = timezone.now()
        self.start = self.now - datetime.timedelta(days=365 * size.years)
        self.timings: dict[str, float] = {}

    def step(self, label: str, total: int) -> Progress:
        return Progress(self.stdout, label, total=total, verbosity=self.verbosity)

    def done(self, progress: Progress) -> None:
        self.timings[progress.label] = progress.finish()

    def run(self) -> dict[str, int]:
        size = self.size
        progress = self.step("people, tags and areas", size.areas)
        with transaction.atomic():
            Tag.objects.bulk_create(
                [Tag(name=name, slug=slugify(name)) for name in text.CASE_TAGS],
                ignore_conflicts=True,
            )
            workforce = create_workforce(self.writer)
            areas = create_areas(
                home=HomePage.objects.get(),
                count=size.areas,
                writer=self.writer,
                leader=workforce.leaders[0],
                published_at=self.start - datetime.timedelta(days=200),
            )
        progress.advance(size.areas)
        self.done(progress)

        plans = plan_policies(
            count=size.policies,
            area_count=size.areas,
            owner_count=len(workforce.owners),
            writer=self.writer,
            start=self.start,
            now=self.now,
        )
        policies = PolicyWriter(plans=plans, areas=areas, workforce=workforce, writer=self.writer)
        versions = sum(len(plan.versions) for plan in plans)
        progress = self.step("policies and versions", versions)
        with transaction.atomic():
            policies.write_pages()
            policies.write_revisions(progress)
            write_approvals(policies)
            refresh_signable_versions(policy_ids=[page.pk for page in policies.pages])
            add_references(
                policies.version_page(index, len(plan.versions) - 1)
                for index, plan in enumerate(plans)
            )
        self.done(progress)

        progress = self.step("cases with their history", size.cases)
        cases = CaseWriter(policies=policies, writer=self.writer, start=self.start, now=self.now)
        first_case = (
            Precedent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ) + 1
        cases.write(size.cases, progress)
        case_ids = list(
            Precedent.objects.filter(pk__gte=first_case).order_by("pk").values_list("pk", flat=True)
        )
        if case_ids:
            add_foreign_key_references(Precedent, case_ids[0], case_ids[-1])
        self.done(progress)

        if connection.vendor == "postgresql":
            # Fresh tables have no planner statistics; indexing reads them back.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        progress = self.step("search index", size.policies + size.cases)
        add_to_search_index(PolicyPage, [page.pk for page in policies.pages], progress)
        add_to_search_index(Precedent, case_ids, progress)
        keep_policy_terms(
            policies=PolicyPage.objects.filter(
                pk__in=[page.pk for page in policies.pages]
            ).prefetch_related("exception_paths")
        )
        self.done(progress)
        # Written in bulk, without the signals that renew what pages keep in the cache.
        cache.clear()

        if connection.vendor == "postgresql":
            # Planner statistics and the visibility map, as autovacuum keeps them on a
            # database that grew over the years rather than in ten minutes. VACUUM
            # cannot run inside a transaction (a test's), ANALYZE can.
            progress = self.step("vacuum and analyze", 1)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
            self.done(progress)
        return {
            "areas": size.areas,
            "policies": size.policies,
            "versions": versions,
            "cases": size.cases,
        }

    def total_seconds(self) -> float:
        return sum(self.timings.values())
