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

from exceptions.choices import Outcome
from exceptions.forms import TAG_MAX_LENGTH
from exceptions.models import Precedent
from tests.hostile import (
    IMPOSSIBLE_DATES,
    KEPT_TEXT,
    NOT_A_CHOICE,
    NOT_A_PAGE,
    NUL_BYTE,
    ONE_MEGABYTE,
    REFUSED_TEXT,
    REQUIRED,
    UNKNOWN_IDS,
    assert_refused,
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


LIST_PARAMS = {
    "q": {**REFUSED_TEXT},
    "path": {**REFUSED_TEXT},
    "tag": {**REFUSED_TEXT},
    "policy": {value: (value, unknown_id_message(value)) for value in UNKNOWN_IDS},
    "area": {value: (value, unknown_id_message(value)) for value in UNKNOWN_IDS},
    "recorded_by": {value: (value, unknown_id_message(value)) for value in UNKNOWN_IDS},
    "outcome": {value: (value, "Select a valid choice") for value in NOT_A_CHOICE},
    "mine": {value: (value, "Select a valid choice") for value in NOT_A_CHOICE},
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


# What a form's one-time token may be sent as, besides its own value.
HOSTILE_TOKENS = [*UNKNOWN_IDS, "", "00000000-0000-0000-0000-00000000000g", "{}" * 40]


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
