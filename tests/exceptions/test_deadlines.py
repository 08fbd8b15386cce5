"""When an escalated case is due, in words, and the database's due time agrees with the
Python rules of how long each tier and path promise."""

import datetime

import pytest

from exceptions.deadlines import due_in_words
from exceptions.models import Precedent
from exceptions.querysets import decision_due_at
from tests.clock import local_time
from tests.exceptions.factories import record_case

NOW = local_time(2026, 12, 2, 10, 15)  # a Wednesday


@pytest.mark.parametrize(
    ("due", "words"),
    [
        (local_time(2026, 12, 2, 16, 0), "due today 16:00"),
        (local_time(2026, 12, 2, 23, 59), "due today 23:59"),
        (local_time(2026, 12, 3, 9, 30), "due tomorrow 09:30"),
        (local_time(2026, 12, 5, 11, 0), "due Saturday 11:00"),
        (local_time(2026, 12, 14, 9, 30), "due 14 Dec 09:30"),
        (local_time(2026, 12, 2, 10, 0), "overdue by less than an hour"),
        (local_time(2026, 12, 2, 5, 15), "overdue by 5 hours"),
        (local_time(2026, 11, 30, 7, 15), "overdue by 2 days and 3 hours"),
    ],
)
def test_a_due_time_reads_as_a_decider_scans_the_queue(due, words):
    assert due_in_words(due, NOW) == words


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("recorder", "path_name", "amount", "paused_hours"),
    [
        ("staff", "Refund without receipt", "90", 0),  # the path's own 24 hours
        ("staff", "Refund without receipt", "900", 0),  # over its limit: leadership's 72
        ("staff", None, None, 3),  # outside any path: leadership's 72, and 3 with the recorder
        ("supervisor", "Refund without receipt", "90", 0),  # escalated past the path's tier
    ],
)
def test_the_databases_due_time_agrees_with_the_promise_in_python(
    request, policy, recorder, path_name, amount, paused_hours
):
    case = record_case(
        policy, request.getfixturevalue(recorder), path_name=path_name, amount=amount, escalate=True
    )
    Precedent.objects.filter(pk=case.pk).update(clock_paused=datetime.timedelta(hours=paused_hours))
    case.refresh_from_db()

    due = Precedent.objects.annotate(due_at=decision_due_at()).get(pk=case.pk).due_at

    promised = datetime.timedelta(hours=case.promised_decision_hours + paused_hours)
    assert due == case.escalated_at + promised
