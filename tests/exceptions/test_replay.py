"""The replay's pure rules, case by case: what a draft would have done to a past case."""

import datetime
from decimal import Decimal

import pytest

from exceptions.choices import Outcome, Request, Standing
from exceptions.replay import (
    CaseFacts,
    ReplayGroup,
    groups_of,
    matching_path,
    replay,
    requested_of,
)
from exceptions.rulebook import PathTerms, PolicyTerms
from policies.choices import Tier

LATE = PathTerms("Late return", Tier.STAFF, Decimal(14), "days", key=1)
NO_RECEIPT = PathTerms("Refund without receipt", Tier.SUPERVISOR, Decimal(150), "EUR", key=2)
VOUCHER = PathTerms("Goodwill voucher", Tier.STAFF, Decimal(20), "EUR")
LIVE = PolicyTerms(firm=False, paths=(LATE, NO_RECEIPT))
ESCALATED_AT = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
DECIDED_AT = ESCALATED_AT + datetime.timedelta(hours=30)


def with_paths(*paths: PathTerms, firm: bool = False) -> PolicyTerms:
    return PolicyTerms(firm=firm, paths=paths)


def raised(path: PathTerms, limit: int, **changes) -> PathTerms:
    """`path` with its limit raised (or lowered) to `limit`, keeping its id."""
    fields = {"name": path.name, "tier": path.tier, "unit": path.unit, "key": path.key}
    return PathTerms(**{**fields, "limit": Decimal(limit), **changes})


def escalation(path=NO_RECEIPT, amount="90", *, recorder=Tier.STAFF, **facts) -> CaseFacts:
    """A case its recorder escalated, later granted by a supervisor."""
    return CaseFacts(
        pk=facts.pop("pk", 1),
        outcome=facts.pop("outcome", Outcome.GRANTED_WITHIN_PATH),
        requested=Request.GRANT_WITHIN_PATH if path else Request.GRANT_OUTSIDE_PATH,
        path=path,
        amount=Decimal(amount),
        recorded_by_tier=recorder,
        escalated_at=ESCALATED_AT,
        decided_at=DECIDED_AT,
        decided_by_tier=facts.pop("decided_by_tier", Tier.SUPERVISOR),
        **facts,
    )


def on_the_spot(path=LATE, amount="10", *, tier=Tier.STAFF, **facts) -> CaseFacts:
    """A case its recorder decided on the spot."""
    outcome = facts.pop(
        "outcome", Outcome.GRANTED_WITHIN_PATH if path else Outcome.GRANTED_OUTSIDE_PATH
    )
    return CaseFacts(
        pk=facts.pop("pk", 2),
        outcome=outcome,
        requested=Request(outcome.value),
        path=path,
        amount=None if amount is None else Decimal(amount),
        recorded_by_tier=tier,
        decided_at=ESCALATED_AT,
        decided_by_tier=tier,
        **facts,
    )


@pytest.mark.parametrize(
    ("case", "draft", "groups"),
    [
        pytest.param(escalation(), LIVE, set(), id="the version itself changes nothing"),
        pytest.param(
            escalation(),
            with_paths(LATE, raised(NO_RECEIPT, 150, tier=Tier.STAFF)),
            {ReplayGroup.DECIDED_SOONER},
            id="the path handed to staff: the staff recorder decides",
        ),
        pytest.param(
            escalation(recorder=Tier.SUPERVISOR, decided_by_tier=Tier.LEADERSHIP, amount="200"),
            with_paths(LATE, raised(NO_RECEIPT, 250)),
            {ReplayGroup.DECIDED_SOONER},
            id="a limit raised over the amount: the supervisor recorder decides",
        ),
        pytest.param(
            escalation(amount="200", decided_by_tier=Tier.LEADERSHIP),
            with_paths(LATE, raised(NO_RECEIPT, 250)),
            set(),
            id="a raised limit still above a staff recorder's tier",
        ),
        pytest.param(
            escalation(LATE, "5", recorder=Tier.STAFF),
            with_paths(raised(LATE, 30), NO_RECEIPT),
            set(),
            id="escalated by choice: a second person is asked under any version",
        ),
        pytest.param(
            escalation(recorder=None),
            with_paths(LATE, raised(NO_RECEIPT, 150, tier=Tier.STAFF)),
            set(),
            id="recorder's tier unknown: not judged",
        ),
        pytest.param(
            on_the_spot(LATE, "10"),
            with_paths(raised(LATE, 7), NO_RECEIPT),
            {ReplayGroup.NOW_REFUSED, ReplayGroup.CONTRADICTED},
            id="a limit lowered under a standing grant",
        ),
        pytest.param(
            on_the_spot(LATE, "10", standing=Standing.CODIFIED),
            with_paths(raised(LATE, 7), NO_RECEIPT),
            {ReplayGroup.NOW_REFUSED},
            id="a grant no longer standing is refused, not contradicted",
        ),
        pytest.param(
            on_the_spot(LATE, "10", granted_amount=Decimal(6)),
            with_paths(raised(LATE, 7), NO_RECEIPT),
            set(),
            id="judged on what was granted, not what was asked",
        ),
        pytest.param(
            on_the_spot(LATE, "10"),
            with_paths(NO_RECEIPT),
            {ReplayGroup.NOW_REFUSED, ReplayGroup.CONTRADICTED},
            id="its path removed: the grant would need leadership",
        ),
        pytest.param(
            on_the_spot(PathTerms("Late return", Tier.STAFF, Decimal(14), "days", key=99), "10"),
            with_paths(PathTerms("late return", Tier.STAFF, Decimal(20), "days", key=1)),
            set(),
            id="a path found by its name when its id is not in the draft",
        ),
        pytest.param(
            on_the_spot(LATE, "10"),
            with_paths(firm=True),
            {ReplayGroup.NOW_FORBIDDEN, ReplayGroup.CONTRADICTED},
            id="the rule made firm forbids every grant",
        ),
        pytest.param(
            on_the_spot(None, "15", tier=Tier.LEADERSHIP),
            with_paths(firm=True),
            {ReplayGroup.NOW_FORBIDDEN, ReplayGroup.CONTRADICTED},
            id="a firm rule forbids grants outside every path too",
        ),
        pytest.param(
            on_the_spot(None, None, outcome=Outcome.UPHELD),
            with_paths(firm=True),
            set(),
            id="an upheld rule stays upheld",
        ),
        pytest.param(
            on_the_spot(None, "15", tier=Tier.LEADERSHIP, cited=True),
            with_paths(LATE, NO_RECEIPT, VOUCHER),
            {ReplayGroup.PRESSURE_REMOVED},
            id="a cited grant outside any path, covered by a new path",
        ),
        pytest.param(
            on_the_spot(None, "35", tier=Tier.LEADERSHIP, cited=True),
            with_paths(LATE, NO_RECEIPT, VOUCHER),
            set(),
            id="a new path whose limit is below the amount covers nothing",
        ),
        pytest.param(
            on_the_spot(None, "15", tier=Tier.LEADERSHIP),
            with_paths(LATE, NO_RECEIPT, VOUCHER),
            set(),
            id="an outside grant the change does not cite is not claimed",
        ),
        pytest.param(
            on_the_spot(None, "15", tier=Tier.LEADERSHIP, cited=True),
            with_paths(raised(LATE, 30), NO_RECEIPT),
            set(),
            id="no new path: nothing newly covers it",
        ),
    ],
)
def test_what_a_draft_would_have_done_to_a_case(case, draft, groups):
    assert groups_of(case, draft=draft, recorded_under=LIVE, live=LIVE) == groups


# Cases recorded under an older version, replayed against the version in force today.
OLD_LATE = raised(LATE, 7)
OLDER = with_paths(OLD_LATE, NO_RECEIPT)


@pytest.mark.parametrize(
    ("case", "live", "draft", "groups"),
    [
        pytest.param(
            escalation(OLD_LATE, "12", decided_by_tier=Tier.SUPERVISOR),
            LIVE,
            with_paths(raised(LATE, 18), NO_RECEIPT),
            set(),
            id="escalated over an older limit the version in force already raised",
        ),
        pytest.param(
            escalation(OLD_LATE, "16", decided_by_tier=Tier.SUPERVISOR),
            LIVE,
            with_paths(raised(LATE, 18), NO_RECEIPT),
            {ReplayGroup.DECIDED_SOONER},
            id="escalated over both the older limit and today's: the draft spares it",
        ),
        pytest.param(
            escalation(OLD_LATE, "12", decided_by_tier=Tier.SUPERVISOR),
            None,
            with_paths(raised(LATE, 18), NO_RECEIPT),
            {ReplayGroup.DECIDED_SOONER},
            id="no version in force: judged against the one it was recorded under",
        ),
        pytest.param(
            on_the_spot(NO_RECEIPT, "120", tier=Tier.SUPERVISOR),
            with_paths(LATE, raised(NO_RECEIPT, 110)),
            with_paths(LATE, raised(NO_RECEIPT, 90)),
            set(),
            id="a grant the version in force already refuses is not the draft's",
        ),
        pytest.param(
            on_the_spot(NO_RECEIPT, "95", tier=Tier.SUPERVISOR),
            with_paths(LATE, raised(NO_RECEIPT, 110)),
            with_paths(LATE, raised(NO_RECEIPT, 90)),
            {ReplayGroup.NOW_REFUSED, ReplayGroup.CONTRADICTED},
            id="a grant today's limit allows and the draft's refuses",
        ),
        pytest.param(
            on_the_spot(OLD_LATE, "5"),
            with_paths(firm=True),
            with_paths(firm=True),
            set(),
            id="a rule already firm: the draft forbids nothing new",
        ),
        pytest.param(
            on_the_spot(None, "15", tier=Tier.LEADERSHIP, cited=True),
            with_paths(LATE, NO_RECEIPT, VOUCHER),
            with_paths(LATE, NO_RECEIPT, VOUCHER),
            set(),
            id="a path the version in force already has removes no pressure",
        ),
    ],
)
def test_a_draft_is_credited_only_with_what_it_changes_from_the_version_in_force(
    case, live, draft, groups
):
    assert groups_of(case, draft=draft, recorded_under=OLDER, live=live) == groups


def test_waiting_hours_saved_count_only_the_escalations_decided_sooner():
    quicker = with_paths(LATE, raised(NO_RECEIPT, 150, tier=Tier.STAFF))
    waited_for_answers = datetime.timedelta(hours=6)
    cases = [
        (escalation(pk=1), LIVE),
        (escalation(pk=2, clock_paused=waited_for_answers), LIVE),
        (escalation(LATE, "5", pk=3), LIVE),
        (on_the_spot(pk=4), LIVE),
    ]

    replayed = replay(cases, draft=quicker, live=LIVE, since=datetime.date(2025, 12, 6))

    assert replayed.cases[ReplayGroup.DECIDED_SOONER] == [1, 2]
    assert replayed.hours_saved == 30 + 24
    assert replayed.summary() == {
        "since": "2025-12-06",
        "cases_replayed": 4,
        "hours_saved": 54.0,
        "decided_sooner": 2,
        "pressure_removed": 0,
        "now_refused": 0,
        "now_forbidden": 0,
        "contradicted": 0,
    }


@pytest.mark.parametrize(
    ("outcome", "kept", "has_path", "requested"),
    [
        (Outcome.ESCALATED, "upheld", True, Request.UPHOLD),
        (Outcome.GRANTED_WITHIN_PATH, "", True, Request.GRANT_WITHIN_PATH),
        (Outcome.UPHELD, "", False, Request.UPHOLD),
        (Outcome.ESCALATED, "", True, Request.GRANT_WITHIN_PATH),
        (Outcome.ESCALATED, "", False, Request.GRANT_OUTSIDE_PATH),
    ],
)
def test_what_was_asked_is_read_from_the_case_or_its_outcome(outcome, kept, has_path, requested):
    assert requested_of(outcome=outcome, requested=kept, has_path=has_path) == requested


def test_a_path_is_matched_by_its_id_before_its_name():
    renamed = PathTerms("Refund, no receipt", Tier.SUPERVISOR, Decimal(150), "EUR", key=2)
    impostor = PathTerms("Refund without receipt", Tier.STAFF, None, "", key=7)

    assert matching_path(with_paths(impostor, renamed), NO_RECEIPT) is renamed
    assert matching_path(with_paths(impostor), NO_RECEIPT) is impostor
    assert matching_path(with_paths(LATE), NO_RECEIPT) is None
