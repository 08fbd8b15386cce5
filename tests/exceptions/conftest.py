"""Fixtures the case tests share: a case waiting for a decision, and one decided."""

import pytest

from tests.exceptions.factories import record_case


@pytest.fixture
def escalated(policy, staff):
    return record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )


@pytest.fixture
def decided(policy, staff):
    return record_case(policy, staff, path_name="Late return", amount="5")
