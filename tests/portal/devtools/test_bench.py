"""The benchmark: one quick pass runs and prints its table; page costs are pinned."""

import io
import json
import shutil
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from exceptions.choices import Channel, Request
from exceptions.services import record_precedent
from policies.choices import Tier
from policies.models import ExceptionPath, PolicyPage
from portal import roles
from portal.devtools.bench import evidence, ledger, report, rounds
from portal.devtools.bench.load import Load, WrkRun
from portal.devtools.bench.pages import FLOOR, PAGES, Sample
from portal.devtools.bench.queries import count_queries
from portal.devtools.scale.people import BENCH_LOGINS, SCALE_PASSWORD

# Queries per request of each page, read by the bench login of its role. The same
# at every size of the company: invariant 8. A reader's role and permissions are kept
# in the cache (portal.access), and so are the site, the route to each page and its view
# restrictions (portal.routing). The case list's filter form reads only the policy and
# recorder chosen, not all of them.
# Read as a running server serves them, from what an earlier request kept: home its queue
# and areas, area and policy pages their bodies and the reader's acknowledgement, the case
# list and the escalation queue their filters and rows, search its results, the case
# detail the case and its similar cases, the history its versions, a comparison its
# changes, a day's version its whole page, insights, evidence and the approvals inbox
# what they show below the heading, a policy's evidence the policy, its findings and
# whether a draft may be made; Wagtail's user bar, on leadership's pages, is kept per
# reader and page. Every page then costs what the floor does: the session, the user and
# the request's transaction.
QUERIES = {
    FLOOR: 4,
    "home": 4,
    "area listing": 4,
    "case list, 2 filters": 4,
    "case detail": 4,
    "escalations queue": 4,
    "search, common word": 4,
    "search, rare word": 4,
    "policy page": 4,
    "policy history": 4,
    "compare two versions": 4,
    "policy as of a day": 4,
    "insights": 4,
    "approvals inbox": 4,
    "evidence": 4,
    "policy evidence": 4,
}


def seed(cases: int) -> None:
    """A small company with at least one escalation waiting for supervisors, whatever the size."""
    call_command(
        "seed_scale",
        "--areas",
        "2",
        "--policies",
        "30",
        "--cases",
        str(cases),
        stdout=io.StringIO(),
    )
    path = ExceptionPath.objects.filter(authority=Tier.SUPERVISOR).order_by("pk").first()
    record_precedent(
        policy=PolicyPage.objects.live().get(pk=path.page_id),
        recorder=get_user_model().objects.get(username=BENCH_LOGINS[roles.STAFF]),
        path=path,
        requested=Request.GRANT_WITHIN_PATH,
        amount=path.limit_amount,
        situation="Customer asks for what only a supervisor may grant.",
        rationale="Beyond frontline authority.",
        channel=Channel.PHONE,
        escalate=True,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("cases", [100, 600])
def test_every_page_costs_the_same_number_of_queries_at_any_size(cases):
    seed(cases)
    sample = Sample.choose()

    counted = count_queries(
        {page.name: (page.url(sample), BENCH_LOGINS[page.role]) for page in PAGES},
        host="testserver",
        password=SCALE_PASSWORD,
    )

    assert {name: c.status for name, c in counted.items()} == dict.fromkeys(QUERIES, 200)
    assert {name: c.queries for name, c in counted.items()} == QUERIES
    assert max(QUERIES.values()) <= report.MAX_QUERIES


@pytest.mark.django_db
def test_prepare_prints_what_a_second_database_is_measured_by():
    seed(100)
    out = io.StringIO()

    call_command("bench", "--prepare", stdout=out)

    prepared = json.loads(out.getvalue())
    assert prepared["cases"] == 101
    assert {row["name"]: row["queries"] for row in prepared["pages"]} == QUERIES
    assert {"answer_times", "replay", "evidence"} <= prepared.keys()


def test_rounds_press_a_page_on_every_server_in_turn_each_going_first_every_other_round(
    monkeypatch,
):
    pressed = []

    def wrk(url, cookie, connections, seconds, *, close):
        pressed.append(url.removeprefix("http://127.0.0.1"))
        return WrkRun(
            requests=10, seconds=seconds, errors=0, non_2xx=0, histogram=Counter({1000: 10})
        )

    monkeypatch.setattr(rounds, "run_wrk", wrk)
    groups = [
        [
            rounds.Target(key=(size, page), url=f"http://127.0.0.1/{size}/{page}", cookie="c")
            for size in ("small", "large")
        ]
        for page in ("home", "cases")
    ]

    measured = rounds.press(
        groups, Load(connections=1, seconds=4, warmup_seconds=0, rounds=2), progress=print
    )

    assert pressed == [
        "/small/home",
        "/large/home",
        "/small/cases",
        "/large/cases",
        "/large/home",
        "/small/home",
        "/large/cases",
        "/small/cases",
    ]
    assert {key: m.requests for key, m in measured.items()} == {
        ("small", "home"): 20,
        ("large", "home"): 20,
        ("small", "cases"): 20,
        ("large", "cases"): 20,
    }


@pytest.mark.django_db
def test_the_answer_time_ledger_is_counted_in_one_query_and_named_in_another():
    seed(300)

    cost = ledger.answer_times_cost(times=2)

    assert cost["escalations"] > 0
    assert cost["queries"] == 2
    assert ledger.in_words(cost).startswith("answer-time ledger, counted afresh: ")


@pytest.mark.django_db
def test_the_evidence_is_counted_afresh_in_a_fixed_number_of_queries():
    seed(300)

    cost = evidence.evidence_cost(times=1)

    # Limited paths, decisions by amount, tag groups, follow-ups by side and the titles
    # of policies followed up without a limited path; at this size no five of the seeded
    # company's grants outside any path share a tag, so no group is read whole.
    assert cost["queries"] == 5
    assert cost["paths"] > 0
    assert evidence.in_words(cost).startswith("evidence, counted afresh: ")


@pytest.mark.skipif(shutil.which("wrk") is None, reason="needs wrk (apt-get install wrk)")
# The live server needs committed data.
@pytest.mark.django_db(transaction=True)
def test_a_quick_pass_measures_every_page_and_prints_one_table(live_server, tmp_path):
    seed(200)
    out = io.StringIO()

    call_command(
        "bench", "--quick", "--url", live_server.url, "--output", str(tmp_path), stdout=out
    )

    table = out.getvalue()
    assert "p95/floor" in table
    assert "answer-time ledger, counted afresh:" in table
    assert "evidence, counted afresh:" in table
    for name in QUERIES:
        assert name in table
    (saved,) = tmp_path.glob("*.json")
    run = json.loads(saved.read_text())
    measured = [row for row in run["pages"] if not row.get("skipped")]
    assert {row["name"] for row in measured} == set(QUERIES)
    # One second a page: a slow machine may finish few requests, but none may fail.
    assert {row["name"]: row["failed_requests"] for row in measured} == dict.fromkeys(QUERIES, 0)
    assert sum(row["requests"] for row in measured) > 0
    assert {row["name"]: row["queries"] for row in measured} == QUERIES


def write_run(path, label, cases, p95s, queries):
    path.write_text(
        json.dumps(
            {
                "label": label,
                "cases": cases,
                "pages": [
                    {"name": name, "p50_ms": p95 / 2, "p95_ms": p95, "queries": queries}
                    for name, p95 in p95s.items()
                ],
            }
        )
    )
    return path


def test_compare_gives_the_ratio_of_each_pages_p95_between_two_runs(tmp_path):
    small = write_run(tmp_path / "a.json", "small", 20_000, {"home": 10.0, "case list": 12.0}, 9)
    large = write_run(tmp_path / "b.json", "large", 200_000, {"home": 12.0, "case list": 30.0}, 9)

    lines = report.compare(small, large).splitlines()

    home = next(line for line in lines if line.startswith("home"))
    case_list = next(line for line in lines if line.startswith("case list"))
    assert "1.20×" in home
    assert home.endswith("ok")
    assert "2.50×" in case_list
    assert case_list.endswith("MISSED")
