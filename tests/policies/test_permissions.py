"""Who may do what to a policy: the named predicates."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import PageLogEntry

from policies.permissions import may_import_into, may_import_policies, may_review
from policies.selectors import areas_to_import_into
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


ROLES_WHO_IMPORT = {
    "staff": False,
    "supervisor": False,
    "outsider": False,
    "owner": True,
    "leader": True,
}


@pytest.mark.parametrize(("role", "may"), ROLES_WHO_IMPORT.items())
def test_those_who_add_policies_may_import_them_from_word(request, area, role, may):
    person = request.getfixturevalue(role)

    assert may_import_policies(person) is may
    assert may_import_into(user=person, area=area) is may
    assert (list(areas_to_import_into(user=person)) == [area]) is may
