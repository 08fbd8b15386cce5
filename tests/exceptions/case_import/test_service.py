"""Importing an exception log: each row judged under the version in force on its date and
written with its history, all or nothing or the valid rows only, and never twice."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import PageLogEntry

from exceptions.answer_times import answer_times
from exceptions.case_import.service import import_case_log
from exceptions.choices import Outcome
from exceptions.models import Precedent
from exceptions.selectors import decided_since_last_looked, follow_ups_due
from exceptions.similar import kept_similar_cases
from policies.choices import Tier
from portal import freshness
from tests.policies.factories import default_paths, publish_version
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADERS = (
    "Date",
    "Policy",
    "Situation",
    "Decision",
    "Path",
    "Amount",
    "Decided by",
    "Rationale",
    "Tags",
    "External ID",
)
TODAY = timezone.localdate()
A_WEEK_AGO = (TODAY - datetime.timedelta(days=7)).isoformat()


def log_row(under, **cells):
    """A row of the log under the policy `under`, its cells as given in `cells`."""
    row = {
        "date": A_WEEK_AGO,
        "policy": under.title,
        "situation": "Jacket returned 5 days late after a house move.",
        "decision": "Granted within a path",
        "path": "Late return",
        "amount": "5",
        "decided by": "",
        "rationale": "Unused and only a few days over.",
        "tags": "returns, late",
        "external id": "",
        **cells,
    }
    return tuple(row.values())


def run(rows, importer, **options):
    return import_case_log(
        rows=[HEADERS, *rows], file_name="old-log.csv", importer=importer, **options
    )


def problems(report):
    return {result.line: result.problem for result in report.problems}


def backdate_first_version(policy, days: int) -> None:
    PageLogEntry.objects.filter(page=policy).update(
        timestamp=timezone.now() - datetime.timedelta(days=days)
    )


def test_a_row_becomes_a_case_marked_imported_with_its_history_entry(policy, owner):
    backdate_first_version(policy, 30)

    report = run([log_row(policy, **{"external id": "EX-1"})], owner)

    case = Precedent.objects.get()
    assert report.imported == 1
    assert (case.outcome, case.path_name, case.amount, case.path_tier) == (
        Outcome.GRANTED_WITHIN_PATH,
        "Late return",
        5,
        Tier.STAFF,
    )
    assert case.policy_revision_id == policy.live_revision_id
    assert (case.imported_from, case.import_key, case.recorded_before_portal) == (
        "old-log.csv",
        "id:EX-1",
        False,
    )
    assert timezone.localdate(case.decided_at).isoformat() == A_WEEK_AGO
    assert case.follow_up_due is None, "an old case asks its importer for no follow-up"
    assert sorted(case.tags.names()) == ["late", "returns"]
    [entry] = case.history.all()
    assert (entry.history_change_reason, entry.history_user, entry.history_type) == (
        "Imported from old-log.csv",
        owner,
        "+",
    )


def test_a_row_is_judged_under_the_version_in_force_on_its_date(policy, owner, leader):
    backdate_first_version(policy, 100)
    first_version = policy.live_revision_id
    paths = [
        *default_paths(),
        {**default_paths()[0], "name": "Return of a used item", "limit_amount": None},
    ]
    newer = publish_version(policy, approver=leader, paths=paths)
    older_day = (TODAY - datetime.timedelta(days=50)).isoformat()

    report = run(
        [
            log_row(policy, date=older_day, path="Return of a used item", amount=""),
            log_row(
                policy,
                date=TODAY.isoformat(),
                path="Return of a used item",
                amount="",
                situation="Worn boots.",
            ),
            log_row(policy, date=older_day, situation="Shoes, 3 days late.", amount="3"),
        ],
        owner,
        skip_invalid=True,
    )

    assert problems(report) == {
        2: "The policy had no path “Return of a used item” on that date; "
        "its paths were: Late return; Refund without receipt."
    }
    assert sorted(Precedent.objects.values_list("policy_revision_id", flat=True)) == sorted(
        [first_version, newer.pk]
    )


def test_a_row_older_than_the_policys_first_version_is_pinned_to_it(policy, owner):
    report = run([log_row(policy, date="2019-05-01")], owner)

    case = Precedent.objects.get()
    assert case.policy_revision_id == policy.live_revision_id
    assert case.recorded_before_portal
    assert report.results[0].version_note == "recorded before the policy was in the portal"


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"policy": "Gift wrapping"}, "No published policy has the title or slug “Gift wrapping”."),
        ({"date": "2025-02-30"}, "“2025-02-30” is not a date"),
        ({"date": "2999-01-01"}, "The date 2999-01-01 is in the future."),
        (
            {"path": "Refund without receipt", "amount": "900"},
            "The amount 900 EUR is over every limit of this policy, "
            "and the row does not say who decided it.",
        ),
        (
            {"path": "Refund without receipt", "amount": "90", "decided by": "staff"},
            "This needs a supervisor",
        ),
    ],
)
def test_a_row_that_breaks_a_rule_is_reported_with_its_line_and_reason(
    policy, owner, staff, cells, reason
):
    report = run([log_row(policy, situation="A valid row."), log_row(policy, **cells)], owner)

    assert list(problems(report)) == [3]
    assert problems(report)[3].startswith(reason)
    assert not report.written


def test_one_invalid_row_imports_nothing_by_default(policy, owner):
    report = run([log_row(policy), log_row(policy, decision="Maybe")], owner)

    assert (report.written, report.imported, report.importable) == (False, 0, 1)
    assert not Precedent.objects.exists()
    assert not Precedent.history.exists()


def test_skipping_invalid_rows_imports_the_valid_ones(policy, owner):
    report = run(
        [log_row(policy), log_row(policy, decision="Maybe"), log_row(policy, situation="Other.")],
        owner,
        skip_invalid=True,
    )

    assert (report.written, report.imported) == (True, 2)
    assert problems(report) == {3: "“Maybe” is not a decision the portal knows."}
    assert Precedent.objects.count() == 2


def test_a_dry_run_judges_every_row_and_changes_nothing(policy, owner):
    before = freshness.versions_of(freshness.CASES)

    report = run(
        [log_row(policy), log_row(policy, decision="Maybe")], owner, dry_run=True, skip_invalid=True
    )

    assert (report.importable, len(report.problems), report.written) == (1, 1, False)
    assert not Precedent.objects.exists()
    assert freshness.versions_of(freshness.CASES) == before


def test_importing_the_same_log_again_adds_nothing(policy, owner):
    rows = [
        log_row(policy, **{"external id": "EX-1"}),
        log_row(policy, situation="No id of its own."),
    ]
    run(rows, owner)

    again = run(rows, owner)

    assert (again.imported, again.already_imported, again.problems) == (0, 2, [])
    assert Precedent.objects.count() == 2


def test_a_row_logged_twice_in_one_file_is_reported(policy, owner):
    report = run(
        [
            log_row(policy),
            log_row(policy),
            log_row(policy, **{"external id": "A"}),
            log_row(policy, situation="x", **{"external id": "A"}),
        ],
        owner,
    )

    assert problems(report) == {3: "The same case as line 2.", 5: "The same case as line 4."}


def test_the_decider_is_a_known_person_or_a_name_kept_as_text(policy, owner):
    UserFactory(
        username="priya",
        first_name="Priya",
        last_name="Shah",
        email="priya@example.com",
        role="Supervisors",
    )
    rows = [
        log_row(
            policy,
            situation=f"Case {number}.",
            path="Refund without receipt",
            amount="90",
            **{"decided by": name},
        )
        for number, name in enumerate(
            ["priya", "PRIYA@EXAMPLE.COM", "Priya Shah", "Marta Kowalski"]
        )
    ]

    run(rows, owner)

    cases = Precedent.objects.order_by("situation")
    assert [
        case.decided_by.username if case.decided_by else case.decided_by_name for case in cases
    ] == ["priya", "priya", "priya", "Marta Kowalski"]
    assert {case.decided_by_tier for case in cases} == {Tier.SUPERVISOR}


def test_imported_cases_feed_similar_cases_and_the_answer_time_ledger_at_once(policy, owner):
    kept_similar_cases(policy_id=policy.pk, text="jacket house move")
    # A row with a day and no time was decided at midday; each was escalated that morning.
    day = timezone.localdate() - datetime.timedelta(days=2)
    decided = datetime.datetime.combine(day, datetime.time(12))
    rows = [
        (
            day.isoformat(),
            policy.title,
            f"Refund without receipt, case {number}.",
            "Granted within a path",
            "Refund without receipt",
            "90",
            "",
            "Verified in the account.",
            "",
            "",
            (decided - datetime.timedelta(hours=number + 1)).isoformat(timespec="minutes"),
        )
        for number in range(5)
    ]

    import_case_log(
        rows=[(*HEADERS, "Escalated on"), *rows, log_row(policy)],
        file_name="log.csv",
        importer=owner,
    )

    assert [
        case.situation for case in kept_similar_cases(policy_id=policy.pk, text="jacket house move")
    ] == ["Jacket returned 5 days late after a house move."]
    [ledger] = answer_times(now=timezone.now()).values()
    assert (ledger.path_name, ledger.tier, ledger.cases) == (
        "Refund without receipt",
        Tier.SUPERVISOR,
        5,
    )
    assert not decided_since_last_looked(user=owner).exists(), "no news for the importer"
    assert not follow_ups_due(user=owner, on=timezone.localdate()).exists()


def test_only_owners_and_leadership_import(policy, staff, supervisor, leader):
    for refused in (staff, supervisor):
        with pytest.raises(PermissionDenied):
            run([log_row(policy)], refused)

    assert run([log_row(policy)], leader).imported == 1
