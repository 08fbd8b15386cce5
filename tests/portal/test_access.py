"""What a person may do is read once, then kept until a role or a permission changes."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from exceptions.permissions import user_tier
from policies.choices import Tier
from policies.permissions import may_view_insights
from portal import roles
from portal.access import role_names

pytestmark = pytest.mark.django_db


def as_read_by_requests(user, count: int) -> list:
    """The person as `count` requests read them: new objects, nothing remembered on them."""
    return [get_user_model().objects.get(pk=user.pk) for _ in range(count)]


def test_a_persons_permissions_and_roles_are_read_once_for_all_requests(
    leader, django_assert_num_queries
):
    first, second = as_read_by_requests(leader, 2)
    with django_assert_num_queries(3):
        assert may_view_insights(first)
        assert user_tier(first) == Tier.LEADERSHIP

    with django_assert_num_queries(0):
        assert may_view_insights(second)
        assert user_tier(second) == Tier.LEADERSHIP


def test_a_role_taken_away_is_gone_at_the_next_request(leader):
    (before,) = as_read_by_requests(leader, 1)
    assert may_view_insights(before)
    assert role_names(before) == {roles.LEADERSHIP}

    leader.groups.remove(Group.objects.get(name=roles.LEADERSHIP))

    (after,) = as_read_by_requests(leader, 1)
    assert not may_view_insights(after)
    assert role_names(after) == set()
    assert user_tier(after) is None


def test_a_deactivated_person_may_do_nothing(leader):
    leader.is_active = False
    leader.save()

    (after,) = as_read_by_requests(leader, 1)

    assert not may_view_insights(after)
