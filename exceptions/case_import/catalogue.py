"""What the rows of a log are judged against, read once for the whole file: the policies by
title and slug, the version of each in force on each day, those versions' terms, and the
people a log may name as deciders. A handful of queries, however many rows."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from wagtail.models import Revision

from policies.choices import Tier
from policies.history import publication_timelines, revision_in_force_on
from policies.models import ExceptionPath, PolicyPage

from .. import permissions
from ..rulebook import PolicyTerms
from .columns import header_key
from .rows import RowRefused


@dataclass(frozen=True)
class Pinned:
    """The policy version a row is recorded under, its terms, and whether the row is older
    than the policy's first version in the portal."""

    policy_id: int
    revision_id: int
    terms: PolicyTerms
    before_portal: bool


@dataclass
class Catalogue:
    policies: dict[str, PolicyPage]
    timelines: dict[int, list[tuple[datetime.date, int | None]]]
    people: dict[str, object]
    existing_path_ids: set[int]
    _terms: dict[int, PolicyTerms] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "Catalogue":
        policies: dict[str, PolicyPage] = {}
        titles: dict[str, int] = {}
        for policy in PolicyPage.objects.only("pk", "title", "slug", "flexibility"):
            titles[header_key(policy.title)] = titles.get(header_key(policy.title), 0) + 1
            policies[header_key(policy.title)] = policy
            policies[header_key(policy.slug)] = policy
        for title, count in titles.items():
            if count > 1:
                # Two policies of one title: only their slugs tell them apart.
                policies.pop(title, None)
        return cls(
            policies=policies,
            timelines=publication_timelines(policy_ids=[p.pk for p in policies.values()]),
            people=_people(),
            existing_path_ids=set(ExceptionPath.objects.values_list("pk", flat=True)),
        )

    def policy(self, name: str) -> PolicyPage:
        policy = self.policies.get(header_key(name))
        if policy is None or not self.timelines.get(policy.pk):
            raise RowRefused(
                _("No published policy has the title or slug “%(name)s”.") % {"name": name}
            )
        return policy

    def pin(self, policy: PolicyPage, *, day: datetime.date) -> Pinned:
        """The version of `policy` in force at the end of `day`, or its first version when
        the day comes before it; RowRefused when the policy was unpublished that day."""
        timeline = self.timelines[policy.pk]
        revision_id = revision_in_force_on(timeline, day=day)
        before_portal = day < timeline[0][0]
        if before_portal:
            revision_id = next(live for _day, live in timeline if live is not None)
        if revision_id is None:
            raise RowRefused(
                _("“%(policy)s” was unpublished on %(day)s.")
                % {"policy": policy.title, "day": day.isoformat()}
            )
        return Pinned(policy.pk, revision_id, self._terms_of(revision_id, policy), before_portal)

    def person(self, name: str):
        """The user a log names by username, email or full name; None when nobody is."""
        return self.people.get(name.casefold()) if name else None

    def _terms_of(self, revision_id: int, policy: PolicyPage) -> PolicyTerms:
        """The terms of a version, firm also when the policy has been made firm since
        (as exceptions.services.case_terms judges a case)."""
        if revision_id not in self._terms:
            content = Revision.objects.values_list("content", flat=True).get(pk=revision_id)
            self._terms[revision_id] = PolicyTerms.of_content(content)
        terms = self._terms[revision_id]
        if policy.is_firm and not terms.firm:
            return PolicyTerms(firm=True, paths=terms.paths)
        return terms


def _people() -> dict[str, object]:
    """Everyone by username, email and full name, folded; a name two people share is left
    out, so the log's name is kept as text rather than given to the wrong person."""
    people: dict[str, object] = {}
    shared: set[str] = set()
    for user in get_user_model().objects.prefetch_related("groups"):
        full_name = f"{user.first_name} {user.last_name}".strip()
        for name in {user.username, user.email, full_name} - {""}:
            key = name.casefold()
            if key in people and people[key] != user:
                shared.add(key)
            people[key] = user
    return {key: user for key, user in people.items() if key not in shared}


def tier_of(user) -> Tier | None:
    """The tier a known decider's role gives them now."""
    return None if user is None else permissions.user_tier(user)
