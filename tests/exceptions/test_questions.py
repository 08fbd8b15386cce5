"""A decider asks the recorder a question: the case goes back to them with its clock
stopped, and their answer returns it to the queue, due later by the time it waited."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from exceptions.choices import Outcome, Standing
from exceptions.models import Precedent
from tests.clock import clock_at, local_time
from tests.exceptions.factories import decide, record_case, shown, withdraw
from tests.reading import words_on

pytestmark = pytest.mark.django_db

QUESTION = "Does the card statement show the purchase date?"
ANSWER = "Yes: 2 November, in the Lyon store."


def ask(client, case, question=QUESTION):
    return client.post(
        reverse("exceptions:ask", args=[case.pk]),
        {"question": question, "seen_change_count": shown(case)},
    )


def answer(client, case, text=ANSWER):
    return client.post(
        reverse("exceptions:answer", args=[case.pk]),
        {"answer": text, "seen_change_count": shown(case)},
    )


def queued(client):
    return [case.pk for case in client.get(reverse("exceptions:escalations")).context["page_obj"]]


@pytest.fixture
def waiting(policy, staff):
    with clock_at(local_time(2026, 12, 1, 9, 0)):
        return record_case(
            policy, staff, path_name="Refund without receipt", amount="90", escalate=True
        )


def test_a_question_goes_to_the_recorder_and_its_answer_back_to_the_queue(
    client, supervisor, staff, waiting, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    client.force_login(supervisor)
    with clock_at(local_time(2026, 12, 1, 11, 0)), django_capture_on_commit_callbacks(execute=True):
        assert ask(client, waiting).status_code == 302
    assert queued(client) == []
    asked_mail = mail.outbox[-1]
    client.force_login(staff)
    home = words_on(client.get("/").content)
    page = words_on(client.get(waiting.get_absolute_url()).content)
    with clock_at(local_time(2026, 12, 1, 16, 0)), django_capture_on_commit_callbacks(execute=True):
        assert answer(client, waiting).status_code == 302
    answered_mail = mail.outbox[-1]
    client.force_login(supervisor)
    back = client.get(reverse("exceptions:escalations"))
    history = words_on(client.get(reverse("exceptions:history", args=[waiting.pk])).content)

    assert asked_mail.to == [staff.email]
    assert QUESTION in asked_mail.body
    assert "A question waits for your answer" in home
    assert QUESTION in home
    assert QUESTION in page
    assert "Send my answer" in page
    assert answered_mail.to == [supervisor.email]
    assert ANSWER in answered_mail.body
    assert [case.pk for case in back.context["page_obj"]] == [waiting.pk]
    case = back.context["page_obj"][0]
    # Escalated at 09:00, promised within a day, and five hours with the recorder.
    assert case.due_at == local_time(2026, 12, 2, 14, 0)
    assert case.clock_paused == datetime.timedelta(hours=5)
    assert f"Question to the recorder: {QUESTION}" in history
    assert f"Answer from the recorder: {ANSWER}" in history


def test_a_case_waiting_for_an_answer_is_not_decided(client, supervisor, leader, staff, waiting):
    client.force_login(supervisor)
    ask(client, waiting)
    client.force_login(leader)

    page = words_on(client.get(waiting.get_absolute_url()).content)
    response = client.post(
        reverse("exceptions:decide", args=[waiting.pk]),
        {"decision": "grant", "rationale": "Fine.", "seen_change_count": shown(waiting)},
    )

    assert "Record my decision" not in page
    assert "to answer a question; the time to decide is stopped until they do." in page
    assert "to answer a question" in words_on(response.content)
    assert Precedent.objects.get(pk=waiting.pk).outcome == Outcome.ESCALATED


def test_only_the_recorder_answers_and_only_a_waiting_question(client, supervisor, leader, waiting):
    client.force_login(supervisor)
    not_asked = words_on(answer(client, waiting).content)
    ask(client, waiting)
    by_someone_else = words_on(answer(client, waiting).content)

    assert "Only the person who recorded the case answers questions about it." in not_asked
    assert "Only the person who recorded the case answers questions about it." in by_someone_else
    assert Precedent.objects.get(pk=waiting.pk).answered_at is None


def test_decided_withdrawn_and_own_cases_are_not_asked(
    client, supervisor, leader, staff, policy, waiting
):
    decide(waiting, leader)
    withdrawn = record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )
    withdraw(withdrawn, staff)
    own = record_case(
        policy, supervisor, path_name="Refund without receipt", amount="200", escalate=True
    )
    client.force_login(supervisor)

    refusals = [words_on(ask(client, case).content) for case in (waiting, withdrawn, own)]

    assert "decided this case first" in refusals[0]
    assert "This case was withdrawn" in refusals[1]
    assert "You raised this escalation" in refusals[2]
    assert not Precedent.objects.filter(question_asked_at__isnull=False).exists()
    assert Precedent.objects.get(pk=withdrawn.pk).standing == Standing.WITHDRAWN


def test_an_empty_or_overlong_question_is_refused_next_to_its_field(client, supervisor, waiting):
    client.force_login(supervisor)

    for text, message in [("  ", "This field is required."), ("q" * 2001, "at most 2000")]:
        response = ask(client, waiting, question=text)

        assert response.status_code == 200
        assert message in " ".join(response.context["ask_form"]["question"].errors)
    assert Precedent.objects.get(pk=waiting.pk).question == ""
