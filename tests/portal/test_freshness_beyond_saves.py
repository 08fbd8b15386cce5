"""Nothing cached is ever stale, continued: events that save no page or case (a change sent
back, a decision read, a right or an editor's setting changed), time moving on, and a new
release (invariant 13)."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from policies.services import reject_policy_revision
from portal import freshness, roles
from portal.settings import base
from tests.clock import clock_at, local_time
from tests.exceptions.factories import decide, record_case
from tests.policies.factories import submit_version
from tests.portal.test_freshness import text_of

pytestmark = pytest.mark.django_db


def test_a_change_sent_back_shows_on_both_homes_at_the_next_request(client, policy, owner, leader):
    """Sending a change back saves no page, only its workflow: the homes that show what
    waits for approval are renewed all the same."""
    submit_version(policy, summary="Longer returns.")
    client.force_login(leader)
    assert "1 policy change waiting for approval" in text_of(client.get("/"))
    client.force_login(owner)
    assert "Changes requested" not in text_of(client.get("/"))

    reject_policy_revision(policy=policy, reviewer=leader, comment="Cite the cases.")

    assert "Changes requested" in text_of(client.get("/"))
    client.force_login(leader)
    assert "0 policy changes waiting for approval" in text_of(client.get("/"))


def test_a_decision_read_leaves_the_home_page_news_at_the_next_request(
    client, policy, staff, supervisor
):
    case = record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )
    decide(case, supervisor)
    client.force_login(staff)
    assert "Decided since you last looked" in text_of(client.get("/"))

    client.get(case.get_absolute_url())

    assert "Decided since you last looked" not in text_of(client.get("/"))


def test_an_editors_admin_theme_shows_in_the_user_bar_at_the_next_request(client, policy, owner):
    """The user bar is kept per editor and page; the admin settings it is drawn with (theme,
    language) renew it when saved."""
    client.force_login(owner)
    before = client.get(policy.url).content.decode()
    profile = UserProfile.get_for_user(owner)
    profile.theme = "dark"
    profile.save()

    after = client.get(policy.url).content.decode()

    assert "Edit this page" in before
    assert "w-theme-dark" not in before
    assert "w-theme-dark" in after


def test_a_role_losing_the_right_to_edit_leaves_the_user_bar_at_the_next_request(
    client, policy, owner
):
    """Wagtail's user bar offers to edit the page to those who may; it is kept per editor
    and page, and renewed when a role's rights over pages change."""
    client.force_login(owner)
    before = client.get(policy.url).content.decode()

    # Owners edit what they own with the right to add pages; others with the right to change.
    GroupPagePermission.objects.filter(
        group__name=roles.POLICY_OWNERS, permission__codename__in=["add_page", "change_page"]
    ).delete()

    assert "Edit this page" in before
    assert "Edit this page" not in client.get(policy.url).content.decode()


def test_a_change_made_by_another_process_renews_what_this_one_shows(tmp_path, settings):
    """The task worker, a management command and each app worker are processes of their
    own: the cache the settings give them all outside the tests is one they share."""
    settings.CACHES = {"default": {**base.CACHES["default"], "LOCATION": str(tmp_path)}}
    before = freshness.versions_of(freshness.CASES)

    subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); "
         "from portal import freshness; freshness.bump(freshness.CASES)"],
        # The same database (DATABASE_URL, where set), so the same cache keys.
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
             "PORTAL_CACHE_DIR": str(tmp_path)},
        cwd=base.BASE_DIR,
        check=True,
    )  # fmt: skip

    assert freshness.versions_of(freshness.CASES) != before


def test_rights_over_pages_given_in_the_admin_show_in_the_user_bar_at_the_next_request(
    client, policy, owner
):
    """Wagtail's role form adds rights over pages in bulk, which sends no signal per row,
    and saves the role: that renews what is kept of people's rights."""
    rights = GroupPagePermission.objects.filter(group__name=roles.POLICY_OWNERS)
    given = [(right.page, right.permission) for right in rights]
    rights.delete()
    client.force_login(owner)
    before = client.get(policy.url).content.decode()

    owners = Group.objects.get(name=roles.POLICY_OWNERS)
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=owners, page=page, permission=permission)
        for page, permission in given
    )
    owners.save()

    assert "Edit this page" not in before
    assert "Edit this page" in client.get(policy.url).content.decode()


def test_a_migrate_renews_everything_kept():
    """The cache may outlive the database it was filled from (a restore, a deploy): after a
    migrate, nothing kept before it is shown."""
    before = freshness.versions_of(*freshness.SCOPES)

    call_command("migrate", verbosity=0)

    after = freshness.versions_of(*freshness.SCOPES)
    assert {scope for scope in freshness.SCOPES if after[scope] == before[scope]} == set()


@pytest.fixture
def release_read_afresh():
    freshness.release.cache_clear()
    yield
    freshness.release.cache_clear()


def test_a_fragment_is_kept_for_the_release_that_rendered_it(
    tmp_path, settings, release_read_afresh
):
    """A server running other templates or static files never shows a fragment an older
    release cached (say, markup naming a static file that is gone); two servers running
    the same release share them, wherever each has it on disk."""
    one, other = tmp_path / "one", tmp_path / "other"
    for folder in (one, other):
        (folder / "templates").mkdir(parents=True)
        (folder / "templates" / "page.html").write_text("<p>The rule.</p>")

    def release_of(folder):
        settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [folder / "templates"]}]
        settings.STATICFILES_DIRS = []
        freshness.release.cache_clear()
        return freshness.release()

    assert release_of(one) == release_of(other)
    (other / "templates" / "page.html").write_text("<p>The rule, reworded.</p>")
    assert release_of(one) != release_of(other)
    assert freshness.Versions().cases.endswith(f".{release_of(other)}")


def test_a_deadline_passing_shows_on_the_home_page_within_the_minute(
    client, policy, staff, supervisor
):
    """A kept queue names the minute it was built for: an escalation's promised decision
    time running out shows at the first request of the next minute."""
    with clock_at(local_time(2026, 12, 1, 9, 30)):
        record_case(policy, staff, path_name="Refund without receipt", amount="90", escalate=True)
    client.force_login(staff)

    with clock_at(local_time(2026, 12, 2, 9, 29)):
        before = text_of(client.get("/"))
    with clock_at(local_time(2026, 12, 2, 9, 31)):
        after = text_of(client.get("/"))

    assert "Overdue" not in before
    assert "Overdue: promised within 1 day" in after
