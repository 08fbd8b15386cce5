"""seed_scale: a small run writes consistent data that every page can show."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision, TaskState
from wagtail.search.models import IndexEntry

from exceptions.choices import Outcome
from exceptions.models import Precedent
from policies.models import PolicyIndexPage, PolicyPage, RevisionNote, add_months
from portal import roles
from portal.devtools.scale.indexing import add_to_search_index, indexed_columns
from portal.devtools.scale.people import BENCH_LOGINS, SCALE_PASSWORD
from portal.devtools.scale.text import RARE_TERM
from portal.progress import Progress

pytestmark = pytest.mark.django_db

CASES = 500


@pytest.fixture(scope="module")
def seeded(module_transaction):
    out = io.StringIO()
    call_command("seed_scale", "--areas", "2", "--policies", "6", "--cases", str(CASES), stdout=out)
    return out.getvalue()


def signed_in(role):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": BENCH_LOGINS[role], "password": SCALE_PASSWORD}
    )
    assert response.status_code == 302, role
    return client


def test_every_policy_is_live_with_three_to_five_approved_versions(seeded):
    assert PolicyIndexPage.objects.live().count() == 2
    policies = PolicyPage.objects.live()
    assert policies.count() == 6
    for policy in policies:
        revisions = list(Revision.page_revisions.filter(object_id=str(policy.pk)).order_by("pk"))
        assert 3 <= len(revisions) <= 5, policy.title
        assert policy.live_revision == policy.latest_revision == revisions[-1]
        assert not policy.has_unpublished_changes
        assert RevisionNote.objects.filter(revision__in=revisions).count() == len(revisions)
        assert TaskState.objects.filter(revision__in=revisions, status="approved").count() == len(
            revisions
        )
        assert PageLogEntry.objects.filter(page=policy, action="wagtail.publish").count() == len(
            revisions
        )
        live = policy.live_revision.as_object()
        assert (live.summary, live.rule, live.next_review_due) == (
            policy.summary,
            policy.rule,
            policy.next_review_due,
        )
        assert [path.name for path in live.exception_paths.all()] == [
            path.name for path in policy.exception_paths.all()
        ]
        # What the owner saved before the first approval: a page not yet live.
        assert (revisions[0].content["live"], revisions[0].content["live_revision"]) == (
            False,
            None,
        )
        assert revisions[1].content["live_revision"] == revisions[0].pk


def test_every_policy_has_ordered_paths_and_a_review_date_from_its_last_substantive_version(
    seeded,
):
    for policy in PolicyPage.objects.live():
        paths = list(policy.exception_paths.all())
        assert [path.sort_order for path in paths] == list(range(len(paths))), policy.title
        publications = PageLogEntry.objects.filter(
            page=policy, action="wagtail.publish", revision__policy_note__kind="substantive"
        )
        clock_started = timezone.localdate(publications.latest("timestamp").timestamp)
        assert policy.next_review_due == add_months(clock_started, policy.review_every_months)
        assert "next_review_due" not in policy.live_revision.content


def test_the_page_tree_is_consistent(seeded):
    assert all(problems == [] for problems in Page.find_problems())


def test_each_case_was_recorded_under_the_version_in_force_with_a_history_row_per_step(seeded):
    assert Precedent.objects.count() == CASES
    for case in Precedent.objects.select_related("policy_revision"):
        approved = TaskState.objects.get(revision=case.policy_revision).finished_at
        assert approved <= case.recorded_at
        rows = list(case.history.order_by("history_date", "history_id"))
        assert rows[0].history_type == "+"
        assert rows[0].history_date == case.recorded_at
        assert all(row.history_type == "~" for row in rows[1:])
        if case.decided_at and case.escalated_at:
            decided = [row for row in rows if row.history_change_reason.startswith("Decided")]
            assert [row.history_date for row in decided] == [case.decided_at]
            assert rows[0].outcome == Outcome.ESCALATED
        assert rows[-1].outcome == case.outcome
        assert rows[-1].standing == case.standing
    outcomes = set(Precedent.objects.values_list("outcome", flat=True))
    assert {Outcome.GRANTED_WITHIN_PATH, Outcome.UPHELD} <= outcomes
    assert Precedent.objects.filter(escalated_at__isnull=False).exists()


def test_reference_index_holds_what_wagtail_would_have_written(seeded):
    case = Precedent.objects.exclude(exception_path=None).exclude(decided_by=None).first()
    policy = PolicyPage.objects.live().exclude(tagged_items=None).first()
    for obj in (case, policy):
        stored = {
            (row.to_content_type_id, row.to_object_id, row.model_path, row.content_path)
            for row in ReferenceIndex.objects.filter(
                base_content_type=ReferenceIndex._get_base_content_type(obj), object_id=obj.pk
            )
        }
        assert stored == set(ReferenceIndex._extract_references_from_object(obj))
        assert stored


def test_search_finds_the_rare_word_in_one_policy(seeded):
    results = list(PolicyPage.objects.live().search(RARE_TERM))
    assert len(results) == 1


def test_every_seeded_case_and_policy_is_in_the_search_index(seeded):
    for model in (Precedent, PolicyPage):
        indexed = IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model)
        ).values_list("object_id", flat=True)
        assert set(indexed) == {str(pk) for pk in model.objects.values_list("pk", flat=True)}


def test_indexing_a_few_cases_or_many_reads_with_the_same_queries(seeded):
    """A column the index reads but the chunk left out would cost a read per case.

    Only reads are counted: how a backend writes is its own (SQLite's updates an
    existing entry with a statement per object).
    """
    pks = list(Precedent.objects.order_by("pk").values_list("pk", flat=True))
    reads = []
    for some in (pks[:10], pks):
        with CaptureQueriesContext(connection) as context:
            add_to_search_index(Precedent, some, Progress(io.StringIO(), "index", verbosity=0))
        reads.append(
            sum(query["sql"].lstrip().startswith("SELECT") for query in context.captured_queries)
        )
    assert reads[0] == reads[1]


def test_a_case_is_read_for_indexing_without_its_policys_long_texts():
    columns = indexed_columns(Precedent)

    assert {"situation", "policy__title"} <= set(columns)
    assert "policy__rule" not in columns
    assert "withdrawn_reason" not in columns


def test_every_kind_of_page_answers_for_the_bench_logins(seeded):
    staff = signed_in(roles.STAFF)
    case = Precedent.objects.first()
    urls = [
        "/",
        "/healthz/",
        "/cases/?outcome=granted&tier=1",
        case.get_absolute_url(),
        f"/cases/{case.pk}/history/",
        f"/search/?q={RARE_TERM}",
    ]
    urls += [page.url for page in Page.objects.live().filter(depth__gt=2)]
    for url in urls:
        assert staff.get(url).status_code == 200, url
    assert signed_in(roles.SUPERVISORS).get("/cases/escalations/").status_code == 200


def test_running_it_again_changes_nothing(seeded):
    out = io.StringIO()

    call_command("seed_scale", "--cases", "10", stdout=out)

    assert "already holds the scale company" in out.getvalue()
    assert Precedent.objects.count() == CASES


def test_starting_over_needs_postgresql(db):
    if connection.vendor == "postgresql":
        pytest.skip("On PostgreSQL --reset drops the test database's schema.")
    with pytest.raises(CommandError, match="PostgreSQL only"):
        call_command("seed_scale", "--reset", "--cases", "10", stdout=io.StringIO())


def test_seed_scale_refuses_without_demo_settings(settings):
    settings.PORTAL_DEMO_CONTENT_ALLOWED = False

    with pytest.raises(CommandError, match="only allowed with dev or test settings"):
        call_command("seed_scale", stdout=io.StringIO())
