"""Plan the large company's policies and the 3 to 5 versions each went through.

Nothing here touches the database: a plan says what each version held, when
its owner submitted it and when leadership approved it. Exception paths are
only ever added or changed, never removed, as owners usually do; so every
path that a version had still exists, and cases can point at it.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from policies.choices import ChangeKind, Flexibility, Tier

from . import text
from .text import Writer

FIRM_SHARE = 0.15
MAX_PATHS = 4
# (authority, unit, the limits a path of that authority starts with)
PATH_LIMITS = [
    (Tier.STAFF, "EUR", [20, 25, 30, 50, 60]),
    (Tier.STAFF, "days", [5, 7, 14]),
    (Tier.SUPERVISOR, "EUR", [100, 150, 250]),
    (Tier.SUPERVISOR, "days", [21, 30]),
    (Tier.LEADERSHIP, "", [None]),
]
DECISION_HOURS = {Tier.STAFF: 0, Tier.SUPERVISOR: 24, Tier.LEADERSHIP: 72}


@dataclass
class PlannedVersion:
    """One approved version: its fields, its paths (dicts by path key) and its note."""

    submitted_at: datetime.datetime
    published_at: datetime.datetime
    kind: str
    summary: str
    fields: dict
    paths: dict[int, dict]
    new_path_keys: set[int] = field(default_factory=set)


@dataclass
class PlannedPolicy:
    area_index: int
    title: str
    slug: str
    topic: str
    flexibility: str
    owner_index: int
    team: str
    tags: list[str]
    versions: list[PlannedVersion]
    related: list[int] = field(default_factory=list)

    @property
    def review_clock_started(self) -> datetime.datetime:
        """When its latest substantive version went live: its review clock runs from then."""
        return [v for v in self.versions if v.kind == ChangeKind.SUBSTANTIVE][-1].published_at

    @property
    def path_keys(self) -> list[int]:
        """Every path the policy ever had, in the order they were added."""
        return sorted(self.versions[-1].paths)


def plan_policies(
    *,
    count: int,
    area_count: int,
    owner_count: int,
    writer: Writer,
    start: datetime.datetime,
    now: datetime.datetime,
) -> list[PlannedPolicy]:
    """Plan `count` policies spread evenly over `area_count` areas."""
    rng = writer.rng
    plans = []
    for number in range(count):
        area_index = number % area_count
        in_area = number // area_count
        topic = writer.area(area_index)[1]
        title = writer.policy_title(topic, in_area)
        flexibility = Flexibility.FIRM if rng.random() < FIRM_SHARE else Flexibility.FLEXIBLE
        plan = PlannedPolicy(
            area_index=area_index,
            title=title,
            slug=slugify(title),
            topic=topic,
            flexibility=flexibility,
            owner_index=rng.randrange(owner_count),
            team=writer.pick(text.TEAMS),
            tags=rng.sample(text.POLICY_TAGS, rng.randint(1, 3)),
            versions=_plan_versions(writer, title, topic, flexibility, start, now),
        )
        if in_area and rng.random() < 0.5:
            plan.related = [number - area_count * rng.randint(1, in_area)]
        plans.append(plan)
    if plans:
        # The one policy that mentions the rare word, so searching for it finds something.
        for version in plans[len(plans) // 2].versions:
            version.fields["rule"] = version.fields["rule"].replace(
                "<p>",
                f"<p>Navigation instruments such as a {text.RARE_TERM} count as one item. ",
                1,
            )
    return plans


def _plan_versions(writer, title, topic, flexibility, start, now) -> list[PlannedVersion]:
    rng = writer.rng
    aspect = title.removeprefix(topic).strip()
    first_live = start - datetime.timedelta(days=rng.uniform(7, 180))
    later = sorted(
        start + (now - start) * rng.uniform(0.02, 0.99) for _ in range(rng.randint(2, 4))
    )
    paths = {}
    if flexibility == Flexibility.FLEXIBLE:
        for key in range(rng.randint(1, 3)):
            paths[key] = _new_path(writer, key)
    fields = {
        "summary": f"{title}: what staff may do, and who decides beyond that.",
        "rule": writer.rule(topic, aspect),
        "rationale": writer.rationale(),
        "how_to_explain": writer.explanation(),
        "scope": writer.pick(text.SCOPES),
        "review_every_months": rng.choice([6, 12, 12, 24]),
    }
    versions = [
        PlannedVersion(
            submitted_at=_submitted_before(rng, first_live),
            published_at=first_live,
            kind=ChangeKind.SUBSTANTIVE,
            summary=f"First published version of “{title}”.",
            fields=fields,
            paths=paths,
            new_path_keys=set(paths),
        )
    ]
    for published_at in later:
        versions.append(_next_version(writer, versions[-1], flexibility, published_at))
    return versions


def _next_version(writer, previous, flexibility, published_at) -> PlannedVersion:
    rng = writer.rng
    fields = dict(previous.fields)
    paths = {key: dict(values) for key, values in previous.paths.items()}
    new_keys = set()
    changes = ["wording", "rule"]
    if flexibility == Flexibility.FLEXIBLE:
        changes += ["hours"]
        if any(path["limit_amount"] is not None for path in paths.values()):
            changes += ["limit", "limit"]
        if len(paths) < MAX_PATHS:
            changes += ["path"]
    change = rng.choice(changes)
    kind = ChangeKind.EDITORIAL if change == "wording" else ChangeKind.SUBSTANTIVE
    words = {}
    if change == "wording":
        fields["how_to_explain"] = writer.explanation()
    elif change == "rule":
        fields["rule"] = fields["rule"].replace("</p>", f" {writer.pick(text.RULE_DETAILS)}</p>")
    elif change == "hours":
        path = paths[rng.choice(sorted(paths))]
        path["decision_hours"] = rng.choice([4, 8, 12, 48])
        words = {"path": path["name"], "hours": path["decision_hours"]}
    elif change == "limit":
        key = rng.choice(sorted(k for k, p in paths.items() if p["limit_amount"] is not None))
        path = paths[key]
        old = path["limit_amount"]
        path["limit_amount"] = (old * Decimal("1.5")).quantize(Decimal("1"))
        words = {"path": path["name"], "old": old, "new": path["limit_amount"]}
        words["unit"] = path["limit_unit"]
    else:
        key = max(paths, default=-1) + 1
        paths[key] = _new_path(writer, key)
        new_keys.add(key)
        words = {"path": paths[key]["name"]}
    return PlannedVersion(
        submitted_at=_submitted_before(rng, published_at),
        published_at=published_at,
        kind=kind,
        summary=text.CHANGE_SUMMARIES[change].format(**words),
        fields=fields,
        paths=paths,
        new_path_keys=new_keys,
    )


def _new_path(writer, key) -> dict:
    authority, unit, limits = writer.pick(PATH_LIMITS)
    limit = writer.pick(limits)
    return {
        "name": text.PATH_NAMES[key * 2 + writer.rng.randrange(2)],
        "authority": authority,
        "limit_amount": None if limit is None else Decimal(limit),
        "limit_unit": unit,
        "limit_text": "" if limit is not None else "Case by case",
        "conditions": writer.pick(text.PATH_CONDITIONS),
        "record": writer.pick(text.PATH_RECORDS),
        "decision_hours": DECISION_HOURS[authority],
    }


def _submitted_before(rng: random.Random, published_at: datetime.datetime) -> datetime.datetime:
    """Owners submit a few hours to three days before leadership approves."""
    return published_at - datetime.timedelta(hours=rng.uniform(2, 72))
