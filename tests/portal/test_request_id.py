"""Every response names its request; the log lines of that request carry the same id."""

import logging
import uuid

import pytest

from portal.request_id import RequestIdLogFilter

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_fresh_request_id(client):
    first = client.get("/accounts/login/")["X-Request-ID"]
    second = client.get("/accounts/login/")["X-Request-ID"]

    assert uuid.UUID(first).version == 4
    assert first != second


def test_a_well_formed_incoming_request_id_is_kept(client):
    response = client.get("/accounts/login/", headers={"X-Request-ID": "lb-7f3a9c21e4d0"})

    assert response["X-Request-ID"] == "lb-7f3a9c21e4d0"


@pytest.mark.parametrize(
    "incoming",
    ["short", "x" * 65, "abc123 FORGED LOG LINE", "<script>alert(1)</script>", "-leading-dash-id"],
)
def test_a_malformed_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/accounts/login/", headers={"X-Request-ID": incoming})

    assert uuid.UUID(response["X-Request-ID"]).version == 4


def test_log_records_outside_a_request_say_so():
    record = logging.LogRecord("portal", logging.INFO, __file__, 1, "started", None, None)

    RequestIdLogFilter().filter(record)

    assert record.request_id == "-"
