"""Who may do what to a policy: the named predicates."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import PageLogEntry

from policies.permissions import may_review
from policies.services import REVIEWED_ACTION, record_review
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_only_the_owner_and_leadership_may_review(policy, owner, leader, staff, supervisor):
    other_owner = UserFactory(username="other-owner", role="Policy owners")

    assert may_review(policy=policy, user=owner)
    assert may_review(policy=policy, user=leader)
    assert not may_review(policy=policy, user=other_owner)
    assert not may_review(policy=policy, user=staff)
    assert not may_review(policy=policy, user=supervisor)
    with pytest.raises(PermissionDenied):
        record_review(policy=policy, user=other_owner)
    assert not PageLogEntry.objects.filter(action=REVIEWED_ACTION).exists()
