"""Staff find the policy they mean among the first three, typos and other words included."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from portal.search.selectors import POLICY, answer_query

from .query_table import QUERIES, SCORE

pytestmark = pytest.mark.django_db
# At least this share of the table finds its policy among the first three policies.
ENOUGH_FOUND = 0.9


@pytest.fixture(scope="module")
def seeded(module_transaction):
    call_command("seed_demo", stdout=io.StringIO())


def first_three_policies(query: str) -> list[str]:
    answer = answer_query(query=query)
    return [hit.object.title for hit in answer.found.hits if hit.kind == POLICY][:3]


def test_the_query_table_is_large_and_varied():
    assert len(QUERIES) >= 40
    assert len({title for _query, title in QUERIES}) >= 12


def test_nine_in_ten_searches_find_their_policy_in_the_first_three(seeded):
    missed = {
        query: found
        for query, title in QUERIES
        if title not in (found := first_three_policies(query))
    }
    SCORE.found, SCORE.asked = len(QUERIES) - len(missed), len(QUERIES)
    SCORE.database = connection.vendor

    assert SCORE.found >= ENOUGH_FOUND * SCORE.asked, missed
