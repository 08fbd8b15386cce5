"""The search page and its suggestions: matching, ranking, facets, suggestions and misses."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exceptions.choices import Channel
from exceptions.models import Precedent
from policies.choices import ChangeKind, Flexibility
from policies.services import submit_policy_revision
from portal.search import selectors
from portal.search.models import UnansweredSearch
from tests.exceptions.factories import record_case
from tests.policies.factories import PolicyIndexPageFactory, PolicyPageFactory, default_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def rulebook(area, owner, leader, staff):
    damaged = PolicyPageFactory(
        area=area,
        owner=owner,
        approver=leader,
        title="Refunds for goods damaged on arrival",
        summary="Items that arrive damaged are refunded once the customer sends a photo.",
        rule="<p>Ask for a photo of the damage before refunding.</p>",
    )
    billing = PolicyIndexPageFactory(title="Billing", slug="billing")
    late_fee = PolicyPageFactory(
        area=billing,
        owner=owner,
        approver=leader,
        title="Late payment fee",
        summary="A fee is added when an invoice is paid late.",
        rule="<p>Invoices paid late get a fee.</p>",
        rationale="<p>Late payments cost money to chase.</p>",
        how_to_explain="<p>Explain what the fee covers.</p>",
    )
    vase = record_case(
        damaged,
        staff,
        path_name="Late return",
        amount="3",
        situation="Vase arrived damaged and the customer threw the box away.",
        channel=Channel.CHAT,
    )
    fee = record_case(
        late_fee,
        staff,
        granted=False,
        situation="Customer asked to waive a fee for a damaged bank card.",
    )
    return {"damaged": damaged, "late_fee": late_fee, "vase": vase, "fee": fee, "billing": billing}


def search(client, user, **params):
    client.force_login(user)
    return client.get(reverse("search"), params)


def hits(response):
    return [(hit.kind, hit.object.pk) for hit in response.context["results"]]


def test_refund_damaged_finds_the_policy_first_then_its_cases(client, staff, rulebook):
    response = search(client, staff, q="refund damaged")

    assert hits(response)[0] == ("policy", rulebook["damaged"].pk)
    assert ("case", rulebook["vase"].pk) in hits(response)
    assert ("policy", rulebook["late_fee"].pk) not in hits(response)


def test_stemming_finds_refund_when_asked_for_refunds(client, staff, rulebook):
    assert ("policy", rulebook["damaged"].pk) in hits(search(client, staff, q="refunds"))
    assert ("policy", rulebook["late_fee"].pk) in hits(search(client, staff, q="invoice payments"))


def test_results_show_type_excerpt_and_case_outcome(client, staff, rulebook):
    html = search(client, staff, q="vase").content.decode()

    assert "Case #" in html
    assert "<mark>Vase</mark> arrived damaged" in html
    assert "Granted within a path" in html
    assert "Staff path" in html


def test_facets_narrow_by_type_area_and_outcome(client, staff, rulebook):
    assert hits(search(client, staff, q="damaged", type="policy")) == [
        ("policy", rulebook["damaged"].pk)
    ]
    assert {kind for kind, _pk in hits(search(client, staff, q="damaged", type="case"))} == {"case"}
    assert hits(search(client, staff, q="damaged", area=rulebook["billing"].pk)) == [
        ("case", rulebook["fee"].pk)
    ]
    assert hits(search(client, staff, q="damaged", outcome="upheld")) == [
        ("case", rulebook["fee"].pk)
    ]


def test_drafts_never_appear_in_search(client, staff, rulebook, owner):
    damaged = rulebook["damaged"]
    damaged.summary = "Secret draft about zeppelins."
    submit_policy_revision(
        policy=damaged, author=owner, summary="Draft.", kind=ChangeKind.EDITORIAL
    )

    assert hits(search(client, staff, q="zeppelins")) == []


def test_a_miss_is_counted_and_offers_close_policy_titles(client, staff, rulebook):
    # The exact words, as "Search instead for" asks for them, with no typo corrected.
    search(client, staff, q="Paymnet feee", exact="1")
    response = search(client, staff, q="paymnet  FEEE", exact="1")

    html = response.content.decode()
    assert "Nothing matches" in html
    assert "Late payment fee" in html
    miss = UnansweredSearch.objects.get()
    assert (miss.query, miss.times_asked) == ("paymnet feee", 2)


def test_no_word_in_common_falls_back_to_any_word(client, staff, rulebook):
    response = search(client, staff, q="vase zeppelin")

    assert hits(response) == [("case", rulebook["vase"].pk)]
    assert "any of the words" in response.content.decode()
    assert not UnansweredSearch.objects.exists()


def test_user_input_is_never_rendered_as_markup(client, staff, rulebook):
    response = search(client, staff, q='<script>alert("x")</script> vase')

    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_bad_facet_values_say_so_instead_of_failing(client, staff, rulebook):
    response = search(client, staff, q="vase", area="nope", recorded_from="2026-13-45")

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"area", "recorded_from"}


def test_dates_narrow_cases_to_the_days_they_were_recorded(client, staff, rulebook):
    day = timezone.localdate(rulebook["vase"].recorded_at).isoformat()

    on_the_day = search(client, staff, q="vase", recorded_from=day, recorded_to=day)
    long_before = search(client, staff, q="vase", recorded_to="2000-01-01")

    assert hits(on_the_day) == [("case", rulebook["vase"].pk)]
    assert "Nothing matches “vase” with these filters." in long_before.content.decode()


def test_a_common_word_ranks_the_latest_cases_and_dates_reach_older_ones(
    client, staff, rulebook, monkeypatch
):
    monkeypatch.setattr(selectors, "CASE_WINDOW", 2)
    newer = [
        record_case(
            rulebook["damaged"], staff, granted=False, situation=f"Vase {number} arrived in pieces."
        )
        for number in range(2)
    ]
    last_year = timezone.now() - datetime.timedelta(days=365)
    Precedent.objects.filter(pk=rulebook["vase"].pk).update(recorded_at=last_year)

    everything = search(client, staff, q="vase", type="case")
    narrowed = search(
        client, staff, q="vase", type="case", recorded_to=timezone.localdate(last_year)
    )
    rare = search(client, staff, q="threw", type="case")

    assert sorted(hits(everything)) == sorted(("case", case.pk) for case in newer)
    assert "ranked among the 2 most recently recorded" in everything.content.decode()
    assert ("case", rulebook["vase"].pk) in hits(narrowed)
    assert hits(rare) == [("case", rulebook["vase"].pk)]
    assert "most recently recorded" not in rare.content.decode()


def test_bad_facet_values_are_explained_and_the_query_kept(client, staff, rulebook):
    response = search(client, staff, q="vase", type="everything", recorded_to="0001-01-01")

    html = response.content.decode()
    assert "Type: Select a valid choice." in html
    assert "to: Ensure this value is greater than or equal to 1900-01-01." in html
    assert 'name="q" value="vase"' in html


def test_autocomplete_suggests_policy_titles(client, staff, rulebook):
    client.force_login(staff)

    data = client.get(reverse("search_suggest"), {"q": "refu"}).json()

    assert data["results"] == [
        {"title": "Refunds for goods damaged on arrival", "url": rulebook["damaged"].url}
    ]
    assert client.get(reverse("search_suggest"), {"q": "r"}).json() == {"results": []}


def test_search_and_suggest_need_login(client):
    for url in (reverse("search"), reverse("search_suggest")):
        assert client.get(url, {"q": "refund"}).status_code == 302


@pytest.mark.parametrize("extra_cases", [0, 15])
@pytest.mark.parametrize("word", ["damaged", "vase"])
def test_search_page_costs_the_same_whatever_the_number_of_cases(
    client, staff, rulebook, extra_cases, django_assert_num_queries, word
):
    # A common word matches three cases or more and a policy, whose card reads the exception
    # paths of every policy hit in one query; a rare one matches one case and no policy,
    # but finds so little that its spelling is checked against the policies' words. Both
    # read the session, the user, the site with its root page, a savepoint pair, the areas
    # of the facets, the live policies and the cases (their ids, then the page of them).
    for number in range(2 + extra_cases):
        record_case(rulebook["damaged"], staff, granted=False, situation=f"Damaged item {number}")
    client.force_login(staff)

    with django_assert_num_queries(11):
        response = client.get(reverse("search"), {"q": word})
    assert response.status_code == 200
    cases = [hit for hit in response.context["results"] if hit.kind == "case"]
    assert len(cases) >= 3 if word == "damaged" else len(cases) == 1
    # The same search again is read from the cache: the session, the user and the savepoint
    # pair, and the same results.
    with django_assert_num_queries(4):
        again = client.get(reverse("search"), {"q": word})
    assert again.context["results_html"] == response.context["results_html"]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite searches its own FTS5 table; CI checks this in its PostgreSQL pass",
)
def test_a_case_search_can_be_answered_from_indexes_alone(client, staff, rulebook):
    with CaptureQueriesContext(connection) as queries:
        search(client, staff, q="vase")
    latest_query, ranking_query = [
        query["sql"] for query in queries if "exceptions_precedent" in query["sql"]
    ]
    matching = "SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ to_tsquery('vase')"

    plans = [query_plan(sql) for sql in (latest_query, ranking_query)]

    assert all("(title || body) @@" in plan for plan in plans)
    assert "portal_search_document_gin" in query_plan(matching)
    assert "precedent_search_key" in plans[0]
    assert not any("Seq Scan" in plan for plan in plans)


def query_plan(sql: str) -> str:
    """PostgreSQL's plan for `sql` with reading whole tables priced out, as on a large table."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_case_result_gives_its_situation_once(client, staff, rulebook):
    client.force_login(staff)

    html = client.get(reverse("search"), {"q": "vase", "type": "case"}).content.decode()

    result = html.split('class="result result--case"')[1].split("</li>")[0]
    assert result.count("arrived damaged and the customer threw the box away") == 1
    assert f"Case #{rulebook['vase'].pk} under Refunds for goods damaged on arrival" in result


def test_a_policy_card_says_what_staff_may_grant_and_how_fast(client, staff, rulebook):
    response = search(client, staff, q="refund damaged", type="policy")

    card = response.content.decode().split('class="result result--policy"')[1].split("</ol>")[0]
    assert "Staff may grant:</strong> up to 14 days, on the spot" in card
    assert "Late return" in card


def test_a_firm_policy_card_says_it_is_never_bent(client, staff, area, owner, leader):
    PolicyPageFactory(
        area=area,
        owner=owner,
        approver=leader,
        title="Opened hygiene items cannot be returned",
        flexibility=Flexibility.FIRM,
        paths=[],
    )

    html = search(client, staff, q="hygiene").content.decode()

    assert "Firm rule: never bent" in html
    assert "may grant" not in html


def test_a_policy_without_staff_paths_says_who_may_grant(client, staff, area, owner, leader):
    PolicyPageFactory(
        area=area,
        owner=owner,
        approver=leader,
        title="Goodwill vouchers",
        paths=[{**default_paths()[1], "name": "Goodwill voucher"}],
    )

    html = search(client, staff, q="goodwill").content.decode()

    assert "Only a supervisor may grant:</strong> up to 150 EUR, within 1 day" in html
