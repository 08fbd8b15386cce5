"""The sample exception log shipped with the demo: the spreadsheet a company kept before the
portal, a few hundred cases under the demo policies, a dozen of them broken on purpose.

`manage.py sample_case_log` writes it (exception_log.xlsx beside this module). The
rows are drawn from the tables below with a fixed seed and dated before BUILT_ON,
so the file is the same each time it is built. Every valid row is valid under each
version of its policy and every broken row broken under each (checked as the file
is built, by the import's own rules), so what the import says of the file does not
depend on the day the demo content was loaded.
"""

import datetime
import random
from pathlib import Path

import tablib  # type: ignore[import-untyped]  # tablib ships no types

from exceptions.case_import.rows import RowRefused, read_row
from exceptions.case_import.rules import judge_row
from exceptions.rulebook import PolicyTerms
from policies.choices import Flexibility, Tier

from .exception_log_rows import (
    BROKEN,
    CHANNELS,
    DECIDERS,
    FOLLOW_UPS,
    FORMER_STAFF,
    KINDS,
    OUTSIDE,
    UPHELD,
)
from .rulebook import AREAS

SAMPLE_LOG = Path(__file__).with_name("exception_log.xlsx")
BUILT_ON = datetime.date(2026, 12, 1)
VALID_ROWS = 300
HEADERS = [
    "Date",
    "Policy",
    "Situation",
    "Decision",
    "Path",
    "Amount",
    "Decided by",
    "Decider's tier",
    "Rationale",
    "Follow-up result",
    "Tags",
    "External ID",
    "Channel",
    "Escalated on",
]


def sample_rows(*, valid_rows: int = VALID_ROWS, seed: int = 21) -> list[list]:
    """The log's rows, its header row first: `valid_rows` valid ones with the broken ones
    placed among them."""
    chance = random.Random(seed)  # noqa: S311 - made-up content, no secrets
    policies = {p["slug"]: p for area in AREAS for p in area["policies"]}
    versions = {slug: _terms_of_every_version(policy) for slug, policy in policies.items()}
    rows: list[list] = []
    while len(rows) < valid_rows:
        slug = chance.choice(sorted(KINDS))
        row = _valid_row(chance, policies[slug], chance.choice(KINDS[slug]), len(rows))
        if _valid_under_every(row, versions[slug]):
            rows.append(row)
    for place, (broken, _reason) in enumerate(BROKEN):
        cells = [*broken, "", "", f"OLD-{9000 + place}", "Phone", ""]
        if _valid_under_every(cells, versions.get(_slug_of(cells[1], policies), [])):
            raise ValueError(f"Row meant to be broken is valid: {cells}")
        rows.insert(13 + place * 26, cells)
    # The same case logged twice, as happens when two people keep the log.
    rows.insert(200, list(rows[150]))
    return [HEADERS, *rows]


def write_sample_log(path: Path = SAMPLE_LOG, *, valid_rows: int = VALID_ROWS) -> Path:
    data = tablib.Dataset(*sample_rows(valid_rows=valid_rows)[1:], headers=HEADERS)
    path.write_bytes(data.export("xlsx"))
    return path


def _valid_row(chance: random.Random, policy: dict, kind: tuple, number: int) -> list:
    decision, path, amounts, situations, rationale, tags = kind
    amount = None if amounts is None else chance.randint(*amounts)
    situation = chance.choice(situations).format(n=amount)
    needed = _tier_needed(policy, path, decision, amount)
    decider = chance.choice([name for tier in Tier if tier >= needed for name in DECIDERS[tier]])
    day = BUILT_ON - datetime.timedelta(days=chance.randint(1, 720))
    # Some logs keep the day as text, without a time: the case is then kept at midday.
    as_text = number % 7 == 0
    hour = 12 if as_text else chance.randint(8, 17)
    decided = datetime.datetime.combine(day, datetime.time(hour, 0))
    escalated: datetime.datetime | str = ""
    if needed > Tier.STAFF and chance.random() < 0.6:
        escalated = decided - datetime.timedelta(hours=chance.randint(1, 70))
    return [
        day.isoformat() if as_text else decided,
        policy["title"] if number % 3 else policy["slug"],
        situation,
        decision,
        path,
        "" if amount is None else amount,
        decider,
        FORMER_STAFF.get(decider, ""),
        rationale,
        chance.choice(FOLLOW_UPS),
        tags,
        # A fifth of the rows have no id of their own: a fingerprint finds them again.
        "" if number % 5 == 4 else f"EX-{day.year}-{number:04d}",
        chance.choice(CHANNELS),
        escalated,
    ]


def _tier_needed(policy: dict, path: str, decision: str, amount) -> Tier:
    """The highest tier any version of the policy needs for this decision."""
    if decision == UPHELD:
        return Tier.STAFF
    if decision == OUTSIDE:
        return Tier.LEADERSHIP
    tiers = [
        Tier(found["authority"])
        for version in policy["versions"]
        for found in version.get("paths", [])
        if found["name"] == path
    ]
    return max(tiers)


def _terms_of_every_version(policy: dict) -> list[PolicyTerms]:
    firm = policy.get("flexibility") == Flexibility.FIRM
    terms: list[PolicyTerms] = []
    paths: list[dict] = []
    for version in policy["versions"]:
        paths = version.get("paths", paths)
        terms.append(
            PolicyTerms.of_content(
                {
                    "flexibility": Flexibility.FIRM if firm else Flexibility.FLEXIBLE,
                    "exception_paths": paths,
                }
            )
        )
    return terms


def _valid_under_every(row: list, versions: list[PolicyTerms]) -> bool:
    cells = dict(zip(_FIELDS, row, strict=True))
    try:
        log_row = read_row(cells, line=0)
        if not versions:
            raise RowRefused("No such policy.")
        for terms in versions:
            judge_row(
                log_row,
                terms=terms,
                decider_tier=_tier_of(log_row.decided_by, log_row.decider_tier),
            )
    except RowRefused:
        return False
    return True


def _slug_of(name: str, policies: dict) -> str:
    return next((slug for slug, p in policies.items() if name in (slug, p["title"])), "")


def _tier_of(name: str, given):
    if given is not None:
        return given
    return next((tier for tier, names in DECIDERS.items() if name in names), None)


_FIELDS = [
    "date",
    "policy",
    "situation",
    "decision",
    "path",
    "amount",
    "decided_by",
    "decider_tier",
    "rationale",
    "follow_up_result",
    "tags",
    "external_id",
    "channel",
    "escalated_at",
]
