"""The pure rules of typo correction: how close two words are, and which one a typo meant."""

import pytest
from django.db import connection

from portal.search.terms import closest_term, edits_between, terms_of, trigram_similarity


@pytest.mark.parametrize(
    ("typed", "meant", "edits"),
    [
        ("retrun", "return", 1),
        ("refnud", "refund", 1),
        ("parcell", "parcel", 1),
        ("waranty", "warranty", 1),
        ("kitten", "sitting", 3),
        ("return", "return", 0),
        ("", "fee", 3),
    ],
)
def test_edits_count_a_swap_of_neighbours_as_one(typed, meant, edits):
    assert edits_between(typed, meant) == edits


@pytest.mark.parametrize(
    ("typed", "vocabulary", "meant"),
    [
        # "retail" shares as many trigrams as "return", but is four edits away.
        ("retrun", ["retail", "returns", "return"], "return"),
        ("refnuds", ["refund", "refunds", "funds"], "refunds"),
        ("subscribtion", ["subscription", "description"], "subscription"),
        # Nothing within one edit per three letters: no correction.
        ("zeppelin", ["parcel", "return"], None),
        ("lone", [], None),
    ],
)
def test_the_closest_term_is_the_fewest_edits_away(typed, vocabulary, meant):
    assert closest_term(typed, vocabulary) == meant


def test_the_vocabulary_is_lower_case_words_long_enough_to_correct():
    assert terms_of(["Late return, 14 days", "Fee per iPhone"]) == {
        "late",
        "return",
        "days",
        "iphone",
    }


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
@pytest.mark.parametrize(("first", "second"), [("retrun", "return"), ("parcel", "parcels")])
def test_trigram_similarity_is_pg_trgms(first, second):
    with connection.cursor() as cursor:
        cursor.execute("SELECT similarity(%s, %s)", [first, second])
        (expected,) = cursor.fetchone()

    assert trigram_similarity(first, second) == pytest.approx(expected)
