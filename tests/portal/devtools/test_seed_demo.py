import io
from itertools import groupby

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, TaskState

from exceptions.models import Precedent
from policies.choices import Flexibility
from policies.history import policy_history
from policies.models import (
    ExceptionPath,
    PolicyAcknowledgement,
    PolicyIndexPage,
    PolicyPage,
    RelatedPolicy,
    RevisionNote,
)
from policies.selectors import policies_to_acknowledge, reviews_due
from portal import roles
from portal.devtools.demo.users import DEMO_PASSWORD, DEMO_USERS
from portal.insights.evidence import evidence
from portal.insights.selectors import policies_needing_review
from portal.models import UserProfile

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(module_transaction):
    call_command("seed_demo", stdout=io.StringIO())


def database_counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "notes": RevisionNote.objects.count(),
        "acknowledgements": PolicyAcknowledgement.objects.count(),
        "teams": UserProfile.objects.count(),
        "log entries": PageLogEntry.objects.count(),
    }


def test_seed_demo_is_idempotent(seeded):
    before = database_counts()

    call_command("seed_demo", stdout=io.StringIO())

    assert database_counts() == before


def test_demo_rulebook_has_the_promised_shape(seeded):
    policies = PolicyPage.objects.live()
    assert PolicyIndexPage.objects.live().count() >= 4
    assert policies.count() >= 10
    assert policies.filter(flexibility=Flexibility.FIRM).count() >= 2
    for policy in policies.filter(flexibility=Flexibility.FLEXIBLE):
        assert 1 <= policy.exception_paths.count() <= 3, policy.title
    assert {path.authority for policy in policies for path in policy.exception_paths.all()} == {
        1,
        2,
        3,
    }
    published_versions = [
        policy_history(policy=policy, page_number=1).paginator.count for policy in policies
    ]
    assert sum(count >= 3 for count in published_versions) >= 4


def test_a_rejected_submission_stays_out_of_its_policy_history(seeded):
    rejection = TaskState.objects.get(status=TaskState.STATUS_REJECTED)
    assert rejection.finished_by.groups.filter(name=roles.LEADERSHIP).exists()
    policy = PolicyPage.objects.get(pk=rejection.revision.object_id)
    staff = logged_in_through_the_login_page("sam")

    html = staff.get(f"{policy.url}history/").content.decode()

    assert rejection.revision.policy_note.summary not in html
    assert policy.live_revision.policy_note.summary in html


def test_every_published_demo_version_has_a_change_summary(seeded):
    for policy in PolicyPage.objects.live():
        assert policy.live_revision.policy_note.summary


def logged_in_through_the_login_page(username):
    """A client logged in the way a person does; the login pause needs the request."""
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, username
    return client


def test_demo_logins_work_for_every_role(seeded):
    for user in DEMO_USERS:
        assert logged_in_through_the_login_page(user["username"]).get("/").status_code == 200


def test_every_seeded_page_answers_staff_and_sends_strangers_to_login(seeded):
    staff = logged_in_through_the_login_page("sam")
    anonymous = Client()

    today = timezone.localdate().isoformat()
    urls = [page.url for page in Page.objects.live().filter(depth__gt=1)]
    for policy in PolicyPage.objects.live():
        urls += [f"{policy.url}history/", f"{policy.url}as-of/{today}/"]
        versions = policy_history(policy=policy, page_number=1).paginator.count
        if versions > 1:
            urls.append(f"{policy.url}history/1...{versions}/")
    urls += ["/cases/", "/search/?q=refund"]
    urls += [case.get_absolute_url() for case in Precedent.objects.all()]
    urls += [f"/cases/{case.pk}/history/" for case in Precedent.objects.all()]
    for url in urls:
        assert staff.get(url).status_code == 200, url
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_the_demo_gives_insights_something_to_show(seeded):
    readers = {
        username: get_user_model().objects.get(username=username)
        for username in ("sam", "ava", "priya")
    }

    assert "damaged-goods-refund" in {policy.slug for policy in policies_needing_review()}
    assert any(policy.review_overdue for policy in reviews_due(within_days=0))
    assert [policy.slug for policy in policies_to_acknowledge(user=readers["priya"])] == []
    assert policies_to_acknowledge(user=readers["ava"]).count() == PolicyPage.objects.live().count()
    changed = policies_to_acknowledge(user=readers["sam"])
    assert "damaged-goods-refund" in {policy.slug for policy in changed}
    assert all(policy.signed_before for policy in changed)
    assert "returns-within-30-days" not in {policy.slug for policy in changed}  # editorial only


def test_leadership_opens_every_insights_page_of_the_demo(seeded):
    lena = logged_in_through_the_login_page("lena")

    returns = PolicyPage.objects.get(slug="returns-within-30-days")
    for url in (
        "/insights/",
        "/insights/?days=365",
        "/insights/acknowledgements/",
        "/insights/evidence/",
        f"/insights/evidence/{returns.pk}/",
    ):
        assert lena.get(url).status_code == 200, url


def test_the_demo_s_decisions_suggest_a_limit_and_propose_a_path(seeded):
    found = evidence(now=timezone.now())

    [suggestion] = found.suggestions
    assert (suggestion.policy_title, suggestion.name) == (
        "Returns within 30 days",
        "Late return, a few days over",
    )
    assert (suggestion.evidence.limit, suggestion.evidence.suggested) == (14, 18)
    [proposal] = found.proposals
    assert found.policy_titles[proposal.policy_id] == "Refunds for goods damaged on arrival"
    assert proposal.name == "Repeat damage claim"
    assert proposal.cases == 6


def test_seed_demo_refuses_without_demo_settings(settings):
    settings.PORTAL_DEMO_CONTENT_ALLOWED = False

    with pytest.raises(CommandError, match="only allowed with dev or test settings"):
        call_command("seed_demo")


def test_demo_paths_and_links_are_numbered_in_the_order_they_are_listed(seeded):
    for model in (ExceptionPath, RelatedPolicy):
        rows = model.objects.order_by("page_id", "sort_order", "pk")
        for _page, on_page in groupby(rows, key=lambda row: row.page_id):
            places = [row.sort_order for row in on_page]
            assert places == list(range(len(places)))
    returns = PolicyPage.objects.get(slug="returns-within-30-days")
    assert list(returns.exception_paths.values_list("name", flat=True)) == [
        "Late return, a few days over",
        "Refund without a receipt",
        "Return of a used item",
    ]


def test_demo_versions_keep_each_path_so_comparisons_match_them(seeded):
    staff = logged_in_through_the_login_page("sam")
    returns = PolicyPage.objects.get(slug="returns-within-30-days")

    html = staff.get(f"{returns.url}history/1...2/").content.decode()

    paths = html.split('id="section-3"')[1].split("</section>")[0]
    assert "change-status--changed" in paths  # the late-return limit, 7 to 14 days
    assert "change-status--added" in paths  # the used-item path, new in version 2
    assert "change-status--removed" not in paths
    assert "No change in this section." in html.split('id="section-1"')[1].split("</section>")[0]


def test_the_demo_has_a_change_approved_for_a_later_day(seeded):
    staff = logged_in_through_the_login_page("sam")
    redelivery = PolicyPage.objects.get(slug="free-redelivery")
    goes_live = redelivery.scheduled_revision.approved_go_live_at

    html = staff.get(redelivery.url).content.decode()

    assert goes_live > timezone.now()
    assert f"goes live on {timezone.localtime(goes_live):%-d %B %Y}" in html
    assert "later attempts cost 6 EUR" in html


def test_every_demo_policy_has_its_review_date_and_no_effective_date(seeded):
    staff = logged_in_through_the_login_page("sam")
    for policy in PolicyPage.objects.live():
        assert policy.next_review_due is not None, policy.title
        assert "Effective from" not in staff.get(policy.url).content.decode()


def test_demo_cases_keep_the_path_they_were_decided_under(seeded):
    # Versions keep each path's identity, so no version cut a case off its path.
    assert not Precedent.objects.filter(path_name__gt="", exception_path__isnull=True).exists()
    assert all(policy.tags.exists() for policy in PolicyPage.objects.live())
