"""Typos corrected to the words of live policies, and the page that says so."""

import pytest
from django.urls import reverse

from portal.search.corrections import corrected_query
from portal.search.models import PolicyTerm
from tests.policies.factories import PolicyPageFactory, publish_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def damaged(area, owner, leader):
    return PolicyPageFactory(
        area=area,
        owner=owner,
        approver=leader,
        title="Refunds for goods damaged on arrival",
        summary="Items that arrive damaged are refunded once the customer sends a photo.",
    )


def search(client, user, **params):
    client.force_login(user)
    return client.get(reverse("search"), params)


def test_a_misspelt_word_is_corrected_and_the_page_says_so(client, staff, damaged):
    response = search(client, staff, q="refnud damagd")

    html = response.content.decode()
    assert [hit.object.pk for hit in response.context["results"]] == [damaged.pk]
    assert "Showing results for “<strong>refund damaged</strong>”" in html
    assert "?q=refnud+damagd&amp;exact=1" in html
    assert "Search instead for “refnud damagd”" in html


def test_search_instead_for_the_exact_words_corrects_nothing(client, staff, damaged):
    response = search(client, staff, q="refnud damagd", exact="1")

    html = response.content.decode()
    assert "Showing results for" not in html
    assert "Nothing matches “refnud damagd”" in html


def test_words_policies_use_numbers_and_short_words_are_kept(damaged):
    assert corrected_query(query="refund damaged") is None
    assert corrected_query(query="30 day refnud") == "30 day refund"


def test_the_words_of_a_new_version_count_once_it_is_live(leader, damaged):
    assert corrected_query(query="reimbursment") is None

    publish_version(damaged, approver=leader, also_searched_as="reimbursement\nmoney back")

    assert corrected_query(query="reimbursment") == "reimbursement"


def test_an_unpublished_policy_teaches_no_word(damaged):
    assert PolicyTerm.objects.filter(policy=damaged, word="arrival").exists()

    damaged.unpublish()

    assert not PolicyTerm.objects.filter(policy=damaged).exists()
    assert corrected_query(query="arival") is None
