"""Hostile input to a smaller grant, a question to the recorder and its answer: kept as
text or refused next to its field, never a server error, nothing half-saved."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from exceptions.choices import Outcome
from exceptions.models import Precedent
from exceptions.questions import ask_recorder
from tests.exceptions.factories import record_case, shown
from tests.hostile import (
    KEPT_TEXT,
    REFUSED_TEXT,
    REQUIRED,
    UNKNOWN_IDS,
    assert_refused,
    send,
    stored_rows,
)

pytestmark = pytest.mark.django_db

# Each is refused: not a number, not a finite one, too long, or not less than the 90 asked.
NOT_AN_AMOUNT = [
    *(value for value in UNKNOWN_IDS if value != "1.5"),
    "NaN",
    "Infinity",
    "-Infinity",
    "1,5",
    "0x10",
    "1" * 13,
    "0.001",
]


def test_a_smaller_grant_refuses_what_is_not_an_amount(client, supervisor, escalated):
    client.force_login(supervisor)
    url = reverse("exceptions:decide", args=[escalated.pk])
    before = stored_rows()

    for value in NOT_AN_AMOUNT:
        response = send(
            client,
            "post",
            url,
            {
                "decision": "grant",
                "rationale": "Part of it.",
                "granted_amount": value,
                "seen_change_count": shown(escalated),
            },
        )

        assert response.status_code == 200, value
        assert response.context["decide_form"]["granted_amount"].errors, value
        assert stored_rows() == before, value
    assert Precedent.objects.get(pk=escalated.pk).outcome == Outcome.ESCALATED


@pytest.fixture
def asked(escalated, supervisor):
    return ask_recorder(
        precedent=escalated,
        decider=supervisor,
        question="Which store?",
        expected_change_count=shown(escalated),
    )


@pytest.mark.parametrize(
    ("route", "role", "field"),
    [("exceptions:ask", "supervisor", "question"), ("exceptions:answer", "staff", "answer")],
)
def test_questions_and_answers_keep_hostile_text_as_text(
    client, request, policy, staff, supervisor, route, role, field
):
    client.force_login(request.getfixturevalue(role))

    for name, text in KEPT_TEXT.items():
        case = record_case(
            policy, staff, path_name="Refund without receipt", amount="90", escalate=True
        )
        if route == "exceptions:answer":
            ask_recorder(
                precedent=case, decider=supervisor, question="Which store?", expected_change_count=1
            )
        response = send(
            client,
            "post",
            reverse(route, args=[case.pk]),
            {field: text, "seen_change_count": shown(case)},
        )

        assert response.status_code == 302, name
        assert getattr(Precedent.objects.get(pk=case.pk), field) == text.strip(), name
        page = send(client, "get", case.get_absolute_url()).body_text
        assert escape(text.strip()) in page, name


@pytest.mark.parametrize(
    ("route", "role", "field"),
    [("exceptions:ask", "supervisor", "question"), ("exceptions:answer", "staff", "answer")],
)
def test_questions_and_answers_refuse_bad_text(client, request, asked, route, role, field):
    case = asked
    if route == "exceptions:ask":
        # A question is asked of a case that waits for no answer.
        case = record_case(
            asked.policy,
            asked.recorded_by,
            path_name="Refund without receipt",
            amount="90",
            escalate=True,
        )
    client.force_login(request.getfixturevalue(role))
    before = stored_rows()

    for name, (text, message) in {**REFUSED_TEXT, **REQUIRED}.items():
        response = send(
            client,
            "post",
            reverse(route, args=[case.pk]),
            {field: text, "seen_change_count": shown(case)},
        )

        assert_refused(response, field, message, before, name)
