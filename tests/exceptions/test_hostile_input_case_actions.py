"""Hostile input to the actions on a recorded case: corrections, decisions, follow-ups,
withdrawals, questions and unknown ids. Never a server error, never markup, nothing
half-saved. The text of questions and smaller grants: test_hostile_input_questions.
"""

import pytest
from django.urls import reverse
from django.utils.html import escape

from exceptions.choices import Outcome, Standing
from tests.exceptions.factories import record_case, shown
from tests.exceptions.test_hostile_input import REFUSED_TAGS
from tests.hostile import (
    BLANK,
    KEPT_TEXT,
    NOT_A_CHOICE,
    REFUSED_TEXT,
    REQUIRED,
    UNKNOWN_IDS,
    assert_refused,
    send,
    stored_rows,
)

pytestmark = pytest.mark.django_db


EDIT_FIELDS = {"situation": True, "rationale": True, "change_reason": True, "tags": False}


@pytest.mark.parametrize("field", list(EDIT_FIELDS))
def test_case_corrections_keep_hostile_text_as_text(client, staff, escalated, field):
    client.force_login(staff)
    url = reverse("exceptions:edit", args=[escalated.pk])
    valid = {
        "situation": "s",
        "rationale": "r",
        "channel": "phone",
        "change_reason": "typo",
    }

    for name, text in KEPT_TEXT.items():
        before = stored_rows()
        seen = shown(escalated)
        response = send(client, "post", url, {**valid, "seen_change_count": seen, field: text})

        assert response.status_code == 302, name
        assert stored_rows()["history rows"] == before["history rows"] + 1
        history = send(client, "get", reverse("exceptions:history", args=[escalated.pk])).body_text
        if EDIT_FIELDS[field]:
            assert escape(text.strip()) in history, name
        if escape(text) != text:
            assert text not in history, name


@pytest.mark.parametrize("field", [*EDIT_FIELDS, "channel"])
def test_case_corrections_refuse_bad_input_and_change_nothing(client, staff, escalated, field):
    client.force_login(staff)
    url = reverse("exceptions:edit", args=[escalated.pk])
    valid = {
        "situation": "s",
        "rationale": "r",
        "channel": "phone",
        "change_reason": "typo",
        "seen_change_count": escalated.change_count,
    }
    refused = {
        "situation": {**REFUSED_TEXT, **REQUIRED},
        "rationale": {**REFUSED_TEXT, **REQUIRED},
        "change_reason": {
            **REFUSED_TEXT,
            **REQUIRED,
            "longer than a reason": ("r" * 501, "at most 500 characters"),
        },
        "tags": REFUSED_TAGS,
        "channel": {value: (value, "Select a valid choice.") for value in NOT_A_CHOICE},
    }[field]
    before = stored_rows()

    for name, (value, message) in refused.items():
        response = send(client, "post", url, {**valid, field: value})

        assert_refused(response, field, message, before, name[:40])
        escalated.refresh_from_db()
        assert escalated.situation == "Customer returned a jacket a few days late.", name


def test_deciding_keeps_hostile_rationale_as_text(client, supervisor, policy, staff):
    client.force_login(supervisor)

    for name, text in KEPT_TEXT.items():
        case = record_case(
            policy, staff, path_name="Refund without receipt", amount="90", escalate=True
        )
        response = send(
            client,
            "post",
            reverse("exceptions:decide", args=[case.pk]),
            {"decision": "grant", "rationale": text, "seen_change_count": shown(case)},
        )

        assert response.status_code == 302, name
        case.refresh_from_db()
        assert case.decision_rationale == text.strip(), name
        page = send(client, "get", case.get_absolute_url()).body_text
        assert escape(text.strip()) in page, name


def test_deciding_refuses_bad_input(client, supervisor, escalated):
    client.force_login(supervisor)
    url = reverse("exceptions:decide", args=[escalated.pk])
    before = stored_rows()

    seen = escalated.change_count
    for text, message in [*REFUSED_TEXT.values(), *REQUIRED.values()]:
        assert_refused(
            send(
                client,
                "post",
                url,
                {"decision": "grant", "rationale": text, "seen_change_count": seen},
            ),
            "rationale",
            message,
            before,
        )
    for value in NOT_A_CHOICE:
        response = send(
            client,
            "post",
            url,
            {"decision": value, "rationale": "Checked.", "seen_change_count": seen},
        )
        assert_refused(response, "decision", "Select a valid choice.", before)
    escalated.refresh_from_db()
    assert escalated.outcome == Outcome.ESCALATED


def test_follow_up_keeps_hostile_notes_and_refuses_bad_input(client, staff, decided):
    client.force_login(staff)
    url = reverse("exceptions:follow_up", args=[decided.pk])

    for name, text in {**KEPT_TEXT, "blank notes are optional": BLANK}.items():
        response = send(
            client,
            "post",
            url,
            {"result": "resolved", "notes": text, "seen_change_count": shown(decided)},
        )
        assert response.status_code == 302, name
        decided.refresh_from_db()
        assert decided.follow_up_notes == text.strip(), name
    before = stored_rows()
    seen = shown(decided)
    for text, message in REFUSED_TEXT.values():
        assert_refused(
            send(
                client,
                "post",
                url,
                {"result": "resolved", "notes": text, "seen_change_count": seen},
            ),
            "notes",
            message,
            before,
        )
    for value in NOT_A_CHOICE:
        assert_refused(
            send(client, "post", url, {"result": value, "notes": "", "seen_change_count": seen}),
            "result",
            "Select a valid choice.",
            before,
        )


def test_withdrawing_refuses_bad_reasons_and_keeps_a_long_one_whole(client, staff, decided):
    client.force_login(staff)
    url = reverse("exceptions:withdraw", args=[decided.pk])
    before = stored_rows()

    for text, message in [*REFUSED_TEXT.values(), *REQUIRED.values()]:
        assert_refused(
            send(client, "post", url, {"reason": text, "seen_change_count": 1}),
            "reason",
            message,
            before,
        )
    longest = "Duplicate of an earlier case. " * 66

    response = send(client, "post", url, {"reason": longest, "seen_change_count": 1})

    assert response.status_code == 302
    decided.refresh_from_db()
    assert (decided.standing, decided.withdrawn_reason) == (Standing.WITHDRAWN, longest.strip())
    reason = decided.history.first().history_change_reason
    assert reason == f"Withdrawn: {longest.strip()}"


def test_withdrawing_keeps_hostile_reasons_as_text(client, staff, policy):
    client.force_login(staff)

    for name, text in KEPT_TEXT.items():
        case = record_case(policy, staff, path_name="Late return", amount="5")
        response = send(
            client,
            "post",
            reverse("exceptions:withdraw", args=[case.pk]),
            {"reason": text, "seen_change_count": 1},
        )

        assert response.status_code == 302, name
        for page in [case.get_absolute_url(), reverse("exceptions:history", args=[case.pk])]:
            html = send(client, "get", page).body_text
            if escape(text) != text:
                assert text not in html, name


@pytest.mark.parametrize(
    ("method", "route"),
    [
        ("get", "exceptions:detail"),
        ("get", "exceptions:history"),
        ("get", "exceptions:edit"),
        ("post", "exceptions:edit"),
        ("post", "exceptions:decide"),
        ("post", "exceptions:follow_up"),
        ("post", "exceptions:withdraw"),
        ("post", "exceptions:ask"),
        ("post", "exceptions:answer"),
    ],
)
def test_unknown_case_ids_are_not_found(client, leader, decided, method, route):
    client.force_login(leader)
    before = stored_rows()

    for pk in [999999, 2**63 - 1, 2**63, 10**30]:
        # Built by hand: reverse() refuses ids past 64 bits, as the URL does.
        url = reverse(route, args=[1]).replace("/1/", f"/{pk}/")
        response = send(client, method, url, {"reason": "x"})

        assert response.status_code == 404
    assert stored_rows() == before


# What a form's hidden change count may be sent as, besides its own value.
HOSTILE_COUNTS = [*UNKNOWN_IDS, "2147483647", "2147483648", str(2**63), ""]


@pytest.mark.parametrize(
    ("route", "role", "data"),
    [
        (
            "exceptions:edit",
            "staff",
            {"situation": "s", "rationale": "r", "channel": "phone", "change_reason": "typo"},
        ),
        ("exceptions:decide", "supervisor", {"decision": "uphold", "rationale": "No."}),
        ("exceptions:withdraw", "staff", {"reason": "Duplicate."}),
        ("exceptions:ask", "supervisor", {"question": "Which store?"}),
    ],
)
def test_case_forms_refuse_any_change_count_but_the_one_shown(
    client, request, escalated, route, role, data
):
    client.force_login(request.getfixturevalue(role))
    url = reverse(route, args=[escalated.pk])
    before = stored_rows()

    for count in HOSTILE_COUNTS:
        response = send(client, "post", url, {**data, "seen_change_count": count})

        assert response.status_code == 200, count
        assert (
            "Reload the page" in response.body_text or "changed while you" in response.body_text
        ), count
        assert stored_rows() == before, count
    escalated.refresh_from_db()
    assert (escalated.outcome, escalated.standing) == (Outcome.ESCALATED, Standing.STANDING)


def test_follow_up_refuses_any_change_count_but_the_one_shown(client, staff, decided):
    client.force_login(staff)
    url = reverse("exceptions:follow_up", args=[decided.pk])
    before = stored_rows()

    for count in HOSTILE_COUNTS:
        response = send(client, "post", url, {"result": "resolved", "seen_change_count": count})

        assert response.status_code == 200, count
        assert stored_rows() == before, count
