"""Cases in the Wagtail admin: read by owners and leadership, standing changed with a reason."""

import pytest
from django.urls import reverse

from exceptions.choices import FollowUpResult, Standing
from exceptions.models import Precedent
from portal import roles
from tests.exceptions.factories import follow_up, record_case, withdraw
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(policy, staff):
    return record_case(policy, staff, path_name="Late return", amount="4")


def change_standing(client, case, standing=Standing.OVERRULED):
    return client.post(
        reverse("cases:edit", args=[case.pk]),
        {
            "standing": standing,
            "change_reason": "The revision reversed this.",
            "seen_change_count": case.change_count,
        },
    )


def test_owner_of_the_policy_changes_a_case_standing_with_its_reason(client, owner, case):
    client.force_login(owner)

    change_standing(client, case)

    case.refresh_from_db()
    assert case.standing == Standing.OVERRULED
    latest = case.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        owner,
        "The revision reversed this.",
    )


def test_leadership_changes_any_case_standing(client, leader, case):
    client.force_login(leader)

    change_standing(client, case, Standing.SUPERSEDED)

    case.refresh_from_db()
    assert case.standing == Standing.SUPERSEDED


def test_an_owner_of_another_policy_cannot_change_it(client, case):
    other_owner = UserFactory(role=roles.POLICY_OWNERS)
    client.force_login(other_owner)

    change_standing(client, case)

    case.refresh_from_db()
    assert case.standing == Standing.STANDING
    assert client.get(reverse("cases:inspect", args=[case.pk])).status_code == 200


def test_standing_change_needs_a_reason(client, owner, case):
    client.force_login(owner)

    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        {"standing": "overruled", "seen_change_count": case.change_count},
    )

    assert "change_reason" in response.context["form"].errors
    case.refresh_from_db()
    assert case.standing == Standing.STANDING


@pytest.mark.parametrize("role", ["staff", "supervisor", "outsider"])
def test_roles_without_admin_access_cannot_reach_admin_cases(client, request, case, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("cases:index"))

    assert response.status_code == 302
    assert not response["Location"].startswith(reverse("cases:index"))


def test_the_admin_lists_and_filters_cases_but_never_adds_or_deletes(client, leader, case):
    client.force_login(leader)

    listing = client.get(reverse("cases:index"), {"outcome": "granted"})

    assert listing.status_code == 200
    assert case.situation[:40] in listing.content.decode()
    assert client.get(reverse("cases:add")).status_code == 302
    client.post(reverse("cases:delete", args=[case.pk]))
    assert Precedent.objects.filter(pk=case.pk).exists()


def test_the_admin_form_carries_the_change_count_and_offers_only_hand_standings(
    client, owner, case
):
    client.force_login(owner)

    form = client.get(reverse("cases:edit", args=[case.pk])).context["form"]

    assert form["seen_change_count"].value() == case.change_count
    assert form["seen_change_count"].is_hidden
    assert [value for value, _label in form.fields["standing"].choices] == [
        "standing",
        "superseded",
        "overruled",
    ]


def test_a_standing_set_on_a_case_that_changed_meanwhile_is_refused(client, owner, staff, case):
    client.force_login(owner)
    shown_at = case.change_count
    follow_up(case, staff, FollowUpResult.RESOLVED)
    before = Precedent.objects.get()

    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        {"standing": "overruled", "change_reason": "-", "seen_change_count": shown_at},
    )

    html = response.content.decode()
    assert "This case changed while you looked at it (Follow-up recorded: " in html
    assert staff.get_full_name() in html
    after = Precedent.objects.get()
    assert (after.standing, after.change_count) == (Standing.STANDING, before.change_count)


def test_a_withdrawn_case_keeps_its_standing(client, owner, staff, case):
    withdraw(case, staff, "Recorded twice.")
    client.force_login(owner)

    change_standing(client, Precedent.objects.get())

    assert Precedent.objects.get().standing == Standing.WITHDRAWN


def test_the_admin_search_box_combines_with_every_case_filter(client, leader, case, policy):
    client.force_login(leader)
    filters = {
        "area": policy.get_parent().pk,
        "path": "late",
        "outcome": case.outcome,
        "standing": "standing",
        "tier": case.path_tier,
        "decided_min": "2000-01-01",
        "tag": "",
        "recorded_by": case.recorded_by_id,
    }

    for name, value in filters.items():
        for words in ["jacket", "no such words"]:
            response = client.get(reverse("cases:index"), {"q": words, name: value})

            assert response.status_code == 200, name
            assert (case.situation[:40] in response.content.decode()) == (words == "jacket"), name
