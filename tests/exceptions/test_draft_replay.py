"""A policy revision replayed over the cases recorded under its policy, from the database."""

import datetime

import pytest
from django.utils import timezone

from exceptions.choices import Decision, Request
from exceptions.models import Precedent
from exceptions.replay import ReplayGroup, escalated_by_choice, recording_under
from exceptions.rulebook import NeedsEscalation, PolicyTerms
from exceptions.selectors import REPLAYED_FIELDS, case_facts, draft_replay, kept_replay
from policies.choices import Tier
from policies.models import add_months
from tests.clock import clock_at
from tests.exceptions.factories import decide, record_case, withdraw
from tests.policies.factories import changed, default_paths, publish_version, submit_version

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def paths_with(**limits_and_tiers) -> list[dict]:
    """The factory's paths, with "late_limit", "receipt_limit" and "receipt_tier" changed."""
    late, receipt = default_paths()
    late["limit_amount"] = limits_and_tiers.get("late_limit", late["limit_amount"])
    receipt["limit_amount"] = limits_and_tiers.get("receipt_limit", receipt["limit_amount"])
    receipt["authority"] = limits_and_tiers.get("receipt_tier", receipt["authority"])
    return [late, receipt]


def escalated_and_granted(policy, recorder, decider, *, amount, hours_waited, days_ago=30):
    """A refund without receipt the recorder escalated and `decider` granted later."""
    asked_at = NOW - datetime.timedelta(days=days_ago)
    with clock_at(asked_at):
        case = record_case(
            policy, recorder, path_name="Refund without receipt", amount=amount, escalate=True
        )
    with clock_at(asked_at + datetime.timedelta(hours=hours_waited)):
        return decide(case, decider)


def test_a_submission_is_replayed_over_the_past_year(policy, staff, supervisor, leader):
    waited = escalated_and_granted(policy, staff, supervisor, amount="90", hours_waited=20)
    too_old = escalated_and_granted(
        policy, staff, supervisor, amount="90", hours_waited=20, days_ago=400
    )
    late = record_case(policy, staff, path_name="Late return", amount="10")
    withdrawn = withdraw(record_case(policy, staff, path_name="Late return", amount="12"), staff)
    small = record_case(policy, staff, path_name="Late return", amount="3")

    submitted = submit_version(
        policy, paths=paths_with(receipt_tier=Tier.STAFF, receipt_limit=100, late_limit=7)
    )
    replayed = draft_replay(revision=submitted)

    assert replayed.cases[ReplayGroup.DECIDED_SOONER] == [waited.pk]
    assert replayed.hours_saved == pytest.approx(20, abs=0.01)
    assert replayed.cases[ReplayGroup.NOW_REFUSED] == [late.pk]
    assert replayed.cases[ReplayGroup.CONTRADICTED] == [late.pk]
    assert replayed.cases_replayed == 3
    assert {too_old.pk, withdrawn.pk, small.pk}.isdisjoint(
        pk for cases in replayed.cases.values() for pk in cases
    )


def test_a_draft_is_credited_only_with_what_the_version_in_force_does_not_already_do(
    policy, supervisor, leader
):
    # The versions and cases follow the policy's first version, so days_ago is negative.
    def days_on(days: int) -> datetime.datetime:
        return NOW + datetime.timedelta(days=days)

    with clock_at(days_on(1)):
        publish_version(policy, approver=leader, paths=paths_with(receipt_limit=60))
    spared_already = escalated_and_granted(
        policy, supervisor, leader, amount="80", hours_waited=10, days_ago=-2
    )
    with clock_at(days_on(5)):
        publish_version(policy, approver=leader, paths=paths_with(receipt_limit=100))
    spared_by_the_draft = escalated_and_granted(
        policy, supervisor, leader, amount="110", hours_waited=20, days_ago=-6
    )
    still_escalated = escalated_and_granted(
        policy, supervisor, leader, amount="140", hours_waited=5, days_ago=-7
    )
    with clock_at(days_on(10)):
        draft = submit_version(policy, paths=paths_with(receipt_limit=120))
        replayed = draft_replay(revision=draft, now=days_on(10))

    assert all(case.escalated_at for case in (spared_already, spared_by_the_draft, still_escalated))
    assert replayed.cases[ReplayGroup.DECIDED_SOONER] == [spared_by_the_draft.pk]
    assert replayed.hours_saved == pytest.approx(20, abs=0.01)


def test_a_kept_replay_is_renewed_when_another_version_goes_live(policy, supervisor, leader):
    with clock_at(NOW + datetime.timedelta(days=1)):
        publish_version(policy, approver=leader, paths=paths_with(receipt_limit=100))
    waited = escalated_and_granted(
        policy, supervisor, leader, amount="110", hours_waited=20, days_ago=-2
    )
    later = NOW + datetime.timedelta(days=3)
    with clock_at(later):
        draft = changed(policy, paths=paths_with(receipt_limit=120)).save_revision(
            user=policy.owner
        )
    assert kept_replay(revision=draft, now=later).cases[ReplayGroup.DECIDED_SOONER] == [waited.pk]

    with clock_at(later):
        publish_version(policy, approver=leader, paths=paths_with(receipt_limit=130))

    assert kept_replay(revision=draft, now=later).cases[ReplayGroup.DECIDED_SOONER] == []


def test_a_cited_grant_outside_every_path_is_covered_by_a_new_path(policy, staff, leader):
    with clock_at(NOW - datetime.timedelta(days=3)):
        outside = record_case(policy, leader, amount="15")
    goodwill = {
        "name": "Goodwill voucher",
        "authority": Tier.STAFF,
        "limit_amount": 20,
        "limit_unit": "EUR",
        "conditions": "A loyal customer was let down.",
        "record": "What went wrong.",
        "decision_hours": 0,
    }

    submitted = submit_version(policy, paths=[*default_paths(), goodwill], driven_by=[outside])

    assert draft_replay(revision=submitted).cases[ReplayGroup.PRESSURE_REMOVED] == [outside.pk]


def test_a_rule_made_firm_would_forbid_its_grants(policy, staff, leader):
    granted = record_case(policy, staff, path_name="Late return", amount="10")
    upheld = record_case(policy, staff, granted=False)

    submitted = submit_version(policy, flexibility="firm", paths=[])
    replayed = draft_replay(revision=submitted)

    assert replayed.cases[ReplayGroup.NOW_FORBIDDEN] == [granted.pk]
    assert upheld.pk not in replayed.cases[ReplayGroup.CONTRADICTED]


def test_a_replay_costs_three_queries_however_many_cases(
    policy, staff, supervisor, leader, django_assert_num_queries
):
    for amount in ("20", "60", "120"):
        escalated_and_granted(policy, staff, supervisor, amount=amount, hours_waited=5)
    publish_version(policy, approver=leader, paths=paths_with(receipt_limit=120))
    policy.refresh_from_db()
    for amount in ("2", "9"):
        record_case(policy, staff, path_name="Late return", amount=amount)
    submitted = submit_version(policy, paths=paths_with(receipt_tier=Tier.STAFF))

    with django_assert_num_queries(3):
        replayed = draft_replay(revision=submitted)

    assert replayed.cases_replayed == 5


def test_replaying_a_version_over_the_cases_recorded_under_it_predicts_what_happened(
    policy, staff, supervisor, leader
):
    """The replay's rules are the live rules: a version replayed over the cases recorded
    while it was in force predicts each recording exactly and finds nothing to change."""
    live = publish_version(
        policy, approver=leader, paths=paths_with(receipt_tier=Tier.STAFF, receipt_limit=60)
    )
    policy.refresh_from_db()
    asked = [
        (staff, "Refund without receipt", "40", False),
        (staff, "Refund without receipt", "90", True),
        (supervisor, "Refund without receipt", "90", False),
        (staff, "Late return", "5", True),
        (staff, "Late return", "20", True),
        (supervisor, "Late return", "20", True),
        (staff, None, "30", True),
        (supervisor, None, None, False),
    ]
    for recorder, path_name, amount, escalate in asked:
        as_asked = {"path_name": path_name, "amount": amount, "granted": amount is not None}
        try:
            case = record_case(policy, recorder, **as_asked, escalate=escalate)
        except NeedsEscalation:
            # As the record form offers when the recorder's tier is not enough.
            case = record_case(policy, recorder, **as_asked, escalate=True)
        if case.is_escalated and case.escalated_to_tier <= Tier.SUPERVISOR:
            decide(case, supervisor if recorder != supervisor else leader)
        elif case.is_escalated:
            decide(case, leader, Decision.UPHOLD)
    terms = PolicyTerms.of_content(live.content)
    recorded = Precedent.objects.filter(policy_revision=live).values_list(
        *REPLAYED_FIELDS, named=True
    )

    for row in recorded:
        facts = case_facts(row, cited=False)
        first = Precedent.history.filter(id=row.pk).earliest("history_id")
        by_choice = escalated_by_choice(facts, recorded_under=terms)
        assert recording_under(terms, facts, by_choice=by_choice) == first.outcome, facts
        assert facts.requested == Request(first.requested_outcome)
    assert len(recorded) == len(asked)
    assert draft_replay(revision=live).summary()["cases_replayed"] == len(asked)
    assert not any(draft_replay(revision=live).cases.values())


def test_the_window_is_a_setting(policy, staff, supervisor, settings):
    escalated_and_granted(policy, staff, supervisor, amount="90", hours_waited=2, days_ago=45)
    submitted = submit_version(policy, paths=paths_with(receipt_tier=Tier.STAFF))
    settings.PORTAL_REPLAY_MONTHS = 1

    replayed = draft_replay(revision=submitted)

    assert replayed.cases_replayed == 0
    assert replayed.since == add_months(timezone.localdate(), -1)
