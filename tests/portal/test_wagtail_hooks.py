"""The portal's admin pages: teams kept by leadership, break-glass accounts by administrators,
and readable history entries."""

import pytest
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from portal.models import BreakGlassAccount, UserProfile
from portal.reminders import PRESSURE_CLEARED_ACTION, REVIEW_REMINDER_ACTION
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_leadership_keeps_the_teams(client, leader):
    client.force_login(leader)

    assert client.get(reverse("teams:index")).status_code == 200


def test_owners_are_turned_away_from_the_teams(client, owner):
    client.force_login(owner)

    response = client.get(reverse("teams:index"))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_leadership_puts_someone_in_a_team(client, leader, staff):
    client.force_login(leader)

    response = client.post(reverse("teams:add"), {"user": staff.pk, "team": "Customer care"})

    assert response.status_code == 302
    assert UserProfile.objects.get(user=staff).team == "Customer care"


def test_only_administrators_keep_the_break_glass_accounts(client, leader, staff):
    administrator = UserFactory(username="admin", is_superuser=True)
    client.force_login(leader)
    assert client.get(reverse("break-glass:index")).status_code == 302

    client.force_login(administrator)
    response = client.post(
        reverse("break-glass:add"), {"user": staff.pk, "reason": "Service desk safe, envelope 3"}
    )

    assert response.status_code == 302
    assert BreakGlassAccount.objects.get().user == staff
    assert "Service desk safe" in client.get(reverse("break-glass:index")).content.decode()


def test_reminders_read_plainly_in_a_policys_history(policy):
    log(instance=policy, action=REVIEW_REMINDER_ACTION, data={"email": "owner@example.com"})
    log(instance=policy, action=PRESSURE_CLEARED_ACTION)

    messages = [entry.message for entry in PageLogEntry.objects.filter(page=policy).order_by("pk")]

    assert messages[-2:] == [
        "Review reminder emailed to owner@example.com.",
        "Exception pressure fell back below the review threshold.",
    ]
