"""Hostile input to every case form, filter and URL: never a server error, never markup.

Each table row is one kind of input; a refused one must leave a message next to
its field and the database exactly as it was, a kept one must be stored as
typed and shown as text.
"""

import csv
import io
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from exceptions.choices import Outcome, Standing
from exceptions.forms import TAG_MAX_LENGTH
from exceptions.models import Precedent
from tests.exceptions.factories import record_case, shown
from tests.hostile import (
    BLANK,
    IMPOSSIBLE_DATES,
    KEPT_TEXT,
    NOT_A_CHOICE,
    NOT_A_PAGE,
    NUL_BYTE,
    ONE_MEGABYTE,
    REFUSED_TEXT,
    REQUIRED,
    UNKNOWN_IDS,
    field_error,
    send,
    stored_rows,
    unknown_id_message,
)
from tests.policies.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db

REFUSED_TAGS = {
    **REFUSED_TEXT,
    "one tag over the limit": ("a" * (TAG_MAX_LENGTH + 1), "Keep each tag to 50 characters"),
    "a tag taggit's column cannot hold": ("t" * 101, "Keep each tag to 50 characters"),
    "a short tag whose slug outgrows the column": ("\ufdfa" * 10, "Keep each tag to 50"),
    "only zero-width characters": ("\u200b\u200d", "A tag needs a visible character"),
    "whole input too long": (",".join(["tag"] * 200), "Ensure this value has at most 500"),
}
KEPT_TAGS = {
    **KEPT_TEXT,
    "same tag in three cases": "Damaged, damaged, DAMAGED",
    "tag at the limit": "a" * TAG_MAX_LENGTH,
}
REFUSED_AMOUNTS = {
    "negative": ("-1", "greater than or equal to 0"),
    "negative cent": ("-0.01", "greater than or equal to 0"),
    "not a number": ("NaN", "Enter a number."),
    "signalling not a number": ("sNaN", "Enter a number."),
    "infinity": ("Infinity", "Enter a number."),
    "minus infinity": ("-Infinity", "Enter a number."),
    "huge exponent": ("1e999999999", "no more than 12 digits in total"),
    "tiny exponent": ("1e-999999999", "no more than 12 digits in total"),
    "thirteen digits": ("1234567890123", "no more than 12 digits in total"),
    "eleven digits before the point": ("12345678901", "no more than 10 digits before"),
    "four hundred digits": ("9" * 400, "no more than 12 digits in total"),
    "a tenth of a cent": ("0.001", "no more than 2 decimal places"),
    "comma decimal": ("1,5", "Enter a number."),
    "hexadecimal": ("0x10", "Enter a number."),
    "words": ("five", "Enter a number."),
    "NUL byte": (NUL_BYTE, "Enter a number."),
    "missing where the path has a limit": ("", "Enter the amount: this path has a limit"),
}
KEPT_AMOUNTS = {
    "zero": ("0", Decimal("0")),
    "exponent": ("1e1", Decimal("10")),
    "padded": ("  7.50 ", Decimal("7.5")),
    "Arabic-Indic digit": ("٣", Decimal("3")),
}


@pytest.fixture
def late_return(policy):
    return policy.exception_paths.get(name="Late return")


@pytest.fixture
def record_data(policy, late_return):
    return {
        "policy": policy.pk,
        "situation": "Jacket returned a few days late.",
        "decision": f"path-{late_return.pk}",
        "amount": "5",
        "rationale": "Within the late-return window.",
        "channel": "store",
        "tags": "returns",
    }


@pytest.fixture
def escalated(policy, staff):
    return record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )


@pytest.fixture
def decided(policy, staff):
    return record_case(policy, staff, path_name="Late return", amount="5")


def assert_refused(response, field, message, before, name=""):
    """The reply shows `message` next to `field` and nothing was stored."""
    assert response.status_code == 200, name
    assert message in field_error(response, field), name
    assert stored_rows() == before, name


def record(client, data):
    """Send the record form as a new form would, for another customer each time: with a
    token of its own, and saying so when the situation repeats an earlier one."""
    return send(
        client,
        "post",
        reverse("exceptions:record"),
        {"submission_token": str(uuid.uuid4()), "record_again": "record", **data},
    )


@pytest.mark.parametrize("field", ["situation", "rationale"])
def test_record_form_stores_hostile_text_as_typed_and_shows_it_as_text(
    client, staff, record_data, field
):
    client.force_login(staff)

    for name, text in KEPT_TEXT.items():
        before = stored_rows()
        response = record(client, {**record_data, field: text})

        assert response.status_code == 302, name
        case = Precedent.objects.latest("pk")
        assert getattr(case, field) == text.strip(), name
        assert stored_rows()["cases"] == before["cases"] + 1
        page = send(client, "get", response["Location"]).body_text
        assert escape(text.strip()) in page, name
        if escape(text) != text:
            assert text not in page, name


@pytest.mark.parametrize("field", ["situation", "rationale"])
def test_record_form_refuses_bad_text_next_to_the_field_and_saves_nothing(
    client, staff, record_data, field
):
    client.force_login(staff)
    before = stored_rows()

    for name, (text, message) in {**REFUSED_TEXT, **REQUIRED}.items():
        response = record(client, {**record_data, field: text})

        assert_refused(response, field, message, before, name)
        other = "rationale" if field == "situation" else "situation"
        assert record_data[other] in response.body_text, name


def test_record_form_tags_are_kept_as_text(client, staff, record_data):
    client.force_login(staff)

    for name, tags in KEPT_TAGS.items():
        response = record(client, {**record_data, "tags": tags})

        assert response.status_code == 302, name
        page = send(client, "get", response["Location"]).body_text
        for tag in Precedent.objects.latest("pk").tags.all():
            assert escape(tag.name) in page, name
        assert "<script>" not in page.split("<main", 1)[1], name


def test_record_form_refuses_tags_the_database_cannot_hold(client, staff, record_data):
    client.force_login(staff)
    before = stored_rows()

    for name, (tags, message) in REFUSED_TAGS.items():
        response = record(client, {**record_data, "tags": tags})

        assert_refused(response, "tags", message, before, name)


@pytest.mark.parametrize("field", ["decision", "channel"])
def test_record_form_refuses_anything_but_its_choices(client, staff, record_data, field, policy):
    other_path = PolicyPageFactory(area=policy.get_parent()).exception_paths.first()
    client.force_login(staff)
    before = stored_rows()
    foreign = [f"path-{other_path.pk}", "path-", "path-abc", "path-99999999999999999999", ""]

    for value in [*NOT_A_CHOICE, *foreign, Outcome.ESCALATED, NUL_BYTE]:
        response = record(client, {**record_data, field: value})

        if value == "":
            message = "This field is required."
        elif field == "decision":
            message = "Choose one of the decisions offered"
        else:
            message = "Select a valid choice."
        assert_refused(response, field, message, before, value[:40])


def test_record_form_refuses_impossible_amounts(client, staff, record_data):
    client.force_login(staff)
    before = stored_rows()

    for name, (amount, message) in REFUSED_AMOUNTS.items():
        response = record(client, {**record_data, "amount": amount})

        assert_refused(response, "amount", message, before, name)


def test_record_form_reads_odd_but_valid_amounts(client, staff, record_data):
    client.force_login(staff)

    for name, (amount, value) in KEPT_AMOUNTS.items():
        response = record(client, {**record_data, "amount": amount})

        assert response.status_code == 302, name
        assert Precedent.objects.latest("pk").amount == value, name


def test_amount_over_the_limit_asks_to_escalate_and_saves_nothing(client, staff, record_data):
    client.force_login(staff)
    before = stored_rows()

    response = record(client, {**record_data, "amount": "9999999999.99"})

    assert_refused(response, "decision", "This needs leadership", before)
    assert "Escalate to leadership" in response.body_text


@pytest.mark.parametrize("method", ["get", "post"])
def test_record_form_with_an_unknown_policy_asks_for_a_policy(
    client, staff, record_data, area, method
):
    unpublished = PolicyPageFactory(area=area)
    unpublished.unpublish()
    client.force_login(staff)
    before = stored_rows()

    for policy_id in [*UNKNOWN_IDS, str(unpublished.pk), *KEPT_TEXT.values()]:
        data = {**record_data, "policy": policy_id}
        response = send(client, method, reverse("exceptions:record"), data)

        assert_refused(response, "policy", unknown_id_message(policy_id), before, policy_id)
        assert "Which policy does this case fall under?" in response.body_text


# The correction form's text fields, and whether the case history shows them (tags it does not).
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


LIST_PARAMS = {
    "q": {**REFUSED_TEXT},
    "path": {**REFUSED_TEXT},
    "tag": {**REFUSED_TEXT},
    # Policies and recorders are offered as plain choices, areas as records.
    "policy": {value: (value, "Select a valid choice") for value in UNKNOWN_IDS},
    "area": {value: (value, unknown_id_message(value)) for value in UNKNOWN_IDS},
    "recorded_by": {value: (value, "Select a valid choice") for value in UNKNOWN_IDS},
    "outcome": {value: (value, "Select a valid choice") for value in NOT_A_CHOICE},
    "tier": {value: (value, "Select a valid choice") for value in NOT_A_CHOICE},
    "standing": {value: (value, "Select a valid choice") for value in NOT_A_CHOICE},
    "ordering": {value: (value, "Select a valid choice") for value in NOT_A_CHOICE},
    "decided_min": {value: (value, "Enter a valid date") for value in IMPOSSIBLE_DATES},
    "decided_max": {value: (value, "Enter a valid date") for value in IMPOSSIBLE_DATES},
}


@pytest.mark.parametrize("param", list(LIST_PARAMS))
def test_case_list_and_csv_refuse_bad_filters_and_show_why(client, staff, decided, param):
    client.force_login(staff)

    for name, (value, message) in LIST_PARAMS[param].items():
        listed = send(client, "get", reverse("exceptions:list"), {param: value})
        exported = send(client, "get", reverse("exceptions:export"), {param: value})

        assert message in field_error(listed, param), name
        assert "No case matches these filters." in listed.body_text
        assert exported.status_code == 400, name
        assert exported.body_text.startswith("These filters cannot export cases:"), name
        assert message in exported.body_text, name


@pytest.mark.parametrize("param", ["q", "path", "tag"])
def test_case_list_and_csv_take_hostile_filter_text_as_text(client, staff, decided, param):
    client.force_login(staff)

    for name, text in {**KEPT_TEXT, "the longest filter": "x" * 200}.items():
        listed = send(client, "get", reverse("exceptions:list"), {param: text})
        exported = send(client, "get", reverse("exceptions:export"), {param: text})

        assert field_error(listed, param) == "", name
        assert "No case matches these filters." in listed.body_text, name
        assert next(iter(csv.reader(io.StringIO(exported.body_text))))[0] == "id", name


def test_case_list_copes_with_any_page_and_odd_dates(client, staff, decided):
    client.force_login(staff)

    for page in NOT_A_PAGE:
        response = send(client, "get", reverse("exceptions:list"), {"page": page})
        assert f"#{decided.pk}" in response.body_text
    for day in ["0001-01-01", "9999-12-31"]:
        for param in ["decided_min", "decided_max"]:
            listed = send(client, "get", reverse("exceptions:list"), {param: day})
            exported = send(client, "get", reverse("exceptions:export"), {param: day})
            assert field_error(listed, "decided") == ""
            assert exported.body_text.startswith("id,policy")


def test_similar_cases_fragment_copes_with_any_policy_and_text(client, staff, decided, policy):
    client.force_login(staff)

    for policy_id in UNKNOWN_IDS:
        response = send(
            client,
            "get",
            reverse("exceptions:similar"),
            {"policy": policy_id, "q": "jacket returned late"},
        )
        assert "No similar case" in response.body_text
    for text in [*KEPT_TEXT.values(), NUL_BYTE, ONE_MEGABYTE, '"jacket']:
        response = send(
            client, "get", reverse("exceptions:similar"), {"policy": policy.pk, "q": text}
        )
        assert response.status_code == 200
        assert "<script>alert" not in response.body_text


# What a form's hidden change count or one-time token may be sent as, besides its own value.
HOSTILE_COUNTS = [*UNKNOWN_IDS, "2147483647", "2147483648", str(2**63), ""]
HOSTILE_TOKENS = [*UNKNOWN_IDS, "", "00000000-0000-0000-0000-00000000000g", "{}" * 40]


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


def test_record_form_refuses_a_token_it_did_not_make(client, staff, record_data):
    client.force_login(staff)
    before = stored_rows()

    for token in HOSTILE_TOKENS:
        response = send(
            client, "post", reverse("exceptions:record"), {**record_data, "submission_token": token}
        )

        assert response.status_code == 200, token
        assert "This form is out of date. Reload the page and try again." in response.body_text
        assert stored_rows() == before, token
