"""An old version of a policy is rebuilt from its revision with its references checked in bulk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from policies.models import PolicyPageTag, RelatedPolicy
from tests.policies.factories import PolicyPageFactory, publish_version

pytestmark = pytest.mark.django_db


def version_with(policy, *, leader, tags, related):
    """Publish a version of `policy` tagged `tags` and linking to the `related` policies."""
    return publish_version(
        policy,
        approver=leader,
        tagged_items=[PolicyPageTag(tag=Tag.objects.get_or_create(name=name)[0]) for name in tags],
        related_policy_links=[RelatedPolicy(policy=other) for other in related],
    )


def rebuilt(revision):
    """The policy as `revision` holds it, its tag names and the titles of its related policies."""
    page = type(revision).objects.get(pk=revision.pk).as_object()
    return (
        page,
        sorted(tag.name for tag in page.tags.all()),
        [link.policy.title for link in page.related_policy_links.all()],
    )


@pytest.fixture
def others(area, owner, leader):
    return [
        PolicyPageFactory(area=area, owner=owner, approver=leader, title=f"Related {n}")
        for n in range(3)
    ]


def test_an_old_version_keeps_the_tags_and_related_policies_it_was_published_with(
    policy, leader, others
):
    old = version_with(policy, leader=leader, tags=["refunds", "vip"], related=others[:2])
    version_with(policy, leader=leader, tags=[], related=[])

    page, tags, related = rebuilt(old)

    assert tags == ["refunds", "vip"]
    assert related == ["Related 0", "Related 1"]
    assert page.live_revision_id == type(policy).objects.get(pk=policy.pk).live_revision_id


def test_a_tag_deleted_since_is_left_out_of_the_old_version(policy, leader, others):
    old = version_with(policy, leader=leader, tags=["refunds", "vip"], related=others[:2])
    version_with(policy, leader=leader, tags=[], related=[])
    Tag.objects.filter(name="vip").delete()

    _page, tags, related = rebuilt(old)

    assert tags == ["refunds"]
    assert related == ["Related 0", "Related 1"]


def test_rebuilding_costs_the_same_however_many_tags_and_links_a_version_has(
    policy, leader, others
):
    light = version_with(policy, leader=leader, tags=["refunds"], related=others[:1])
    heavy = version_with(
        policy, leader=leader, tags=["refunds", "vip", "damaged", "online"], related=others
    )

    costs = []
    for revision in (light, heavy):
        with CaptureQueriesContext(connection) as queries:
            rebuilt(revision)
        costs.append(len(queries))

    assert costs[0] == costs[1]
