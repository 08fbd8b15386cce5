"""Acknowledgement coverage by team: who has signed the current version of each policy.

Teams come from portal.UserProfile; people without one count under "No team".
"""

from django.db.models import Count, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from policies import selectors as policy_selectors
from policies.models import PolicyAcknowledgement
from policies.selectors import coverage_by_policy, policies_with_current_version, signers

CSV_COLUMNS = [
    "policy",
    "version in force",
    "in force since",
    "team",
    "people",
    "acknowledged",
    "outstanding",
]
# Policies whose version in force is read at once while the CSV is written.
POLICIES_PER_READ = 500


def team_name(team: str) -> str:
    return team or _("No team")


def _in_team_order(teams) -> list[str]:
    """Teams alphabetically, with people of no team last."""
    return sorted(teams, key=lambda name: (name == "", name.lower()))


def signers_per_team() -> dict[str, int]:
    """How many people who sign policies each team has, by team name ("" for none)."""
    rows = (
        signers()
        .order_by()
        .values(team=Coalesce("portal_profile__team", Value("")))
        .annotate(people=Count("pk"))
    )
    return {row["team"]: row["people"] for row in rows}


def signatures_per_policy_and_team() -> dict[tuple[int, str], int]:
    """Signatures of current versions by current signers, by (policy id, team)."""
    rows = (
        PolicyAcknowledgement.objects.filter(
            user__in=signers(),
            revision_id__in=policies_with_current_version().values("current_version"),
        )
        .order_by()
        .values("policy_id", team=Coalesce("user__portal_profile__team", Value("")))
        .annotate(count=Count("pk"))
    )
    return {(row["policy_id"], row["team"]): row["count"] for row in rows}


def coverage_by_team(*, policies: int) -> list[dict]:
    """Per team: people, signatures expected (people × `policies` to sign), given, and the share."""
    people = signers_per_team()
    signed: dict[str, int] = {}
    for (_policy, team), count in signatures_per_policy_and_team().items():
        signed[team] = signed.get(team, 0) + count
    rows = []
    for team in _in_team_order(people):
        expected = people[team] * policies
        rows.append(
            {
                "team": team_name(team),
                "people": people[team],
                "expected": expected,
                "signed": signed.get(team, 0),
                "share": signed.get(team, 0) / expected if expected else None,
            }
        )
    return rows


def coverage_csv_rows():
    """One row per policy and team, in the order of CSV_COLUMNS."""
    people = signers_per_team()
    signed = signatures_per_policy_and_team()
    teams = _in_team_order(people)
    policies = coverage_by_policy()
    for start in range(0, policies.count(), POLICIES_PER_READ):
        chunk = list(policies[start : start + POLICIES_PER_READ])
        in_force = policy_selectors.versions_in_force(policies=chunk)
        for policy in chunk:
            version = in_force.get(policy.pk)
            for team in teams:
                count = signed.get((policy.pk, team), 0)
                yield [
                    policy.title,
                    version.number if version else "",
                    timezone.localdate(version.went_live_at).isoformat() if version else "",
                    team_name(team),
                    people[team],
                    count,
                    people[team] - count,
                ]
