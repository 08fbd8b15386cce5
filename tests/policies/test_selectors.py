"""The version in force: one selector, read by every page that speaks of it."""

import dataclasses
import datetime

import pytest
from django.urls import reverse

from policies import selectors
from policies.choices import ChangeKind
from policies.models import PolicyPage
from policies.selectors import version_in_force, versions_in_force
from tests.clock import clock_at, local_time
from tests.exceptions.factories import record_case
from tests.policies.factories import PolicyPageFactory, publish_version
from tests.reading import words_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(area, owner, leader):
    """Version 1 live on 10 Jan 2026, version 2 (editorial) on 2 Mar 2026."""
    with clock_at(local_time(2026, 1, 10, 9, 0)):
        policy = PolicyPageFactory(area=area, owner=owner, approver=leader)
    with clock_at(local_time(2026, 3, 2, 9, 0)):
        publish_version(policy, approver=leader, kind=ChangeKind.EDITORIAL, summary="Wording.")
    return PolicyPage.objects.get(pk=policy.pk)


def test_the_version_in_force_is_the_live_one_with_its_day_and_approver(changed, leader):
    version = version_in_force(policy=changed)

    assert version.number == 2
    assert version.revision.pk == changed.live_revision_id
    assert version.went_live_at == local_time(2026, 3, 2, 9, 0)
    assert version.approved_by == (leader,)
    assert version.note.summary == "Wording."


@pytest.mark.parametrize(
    ("day", "number"),
    [
        (datetime.date(2026, 3, 1), 1),
        (datetime.date(2026, 3, 2), 2),  # a version counts from the day it went live
        (datetime.date(2030, 1, 1), 2),
    ],
)
def test_the_version_in_force_on_a_day(changed, day, number):
    assert version_in_force(policy=changed, day=day).number == number


def test_no_version_is_in_force_before_the_first_or_while_unpublished(changed):
    first_day = version_in_force(policy=changed, day=datetime.date(2026, 3, 1))
    day_before = first_day.went_live_at.date() - datetime.timedelta(days=1)

    assert version_in_force(policy=changed, day=day_before) is None
    changed.unpublish()
    assert version_in_force(policy=PolicyPage.objects.get(pk=changed.pk)) is None


def test_many_policies_are_read_in_two_queries(
    area, owner, leader, policy, django_assert_num_queries
):
    others = PolicyPageFactory.create_batch(4, area=area, owner=owner, approver=leader)
    publish_version(others[0], approver=leader)
    policies = list(PolicyPage.objects.filter(pk__in=[policy.pk, *(p.pk for p in others)]))

    with django_assert_num_queries(2):
        in_force = versions_in_force(policies=policies)

    assert {pk: version.number for pk, version in in_force.items()} == {
        policy.pk: 1,
        others[0].pk: 2,
        **{other.pk: 1 for other in others[1:]},
    }
    assert all(version.approved_by == (leader,) for version in in_force.values())


def every_page_that_names_the_version_in_force(policy, case):
    return {
        "policy page": (policy.url, "Version 7, in force since"),
        "history": (f"{policy.url}history/", "Version 7 is in force, since 2 March 2026."),
        "as-of page": (f"{policy.url}as-of/2030-01-01/", "Version 7, in force on 1 January 2030"),
        "case page": (case.get_absolute_url(), "Recorded under version"),
        "acknowledgement coverage": (reverse("acknowledgement_coverage"), "Version 7, since"),
    }


@pytest.mark.parametrize(
    "page",
    ["policy page", "history", "as-of page", "case page", "acknowledgement coverage"],
)
def test_every_page_reads_the_version_in_force_from_the_one_selector(
    client, monkeypatch, changed, leader, staff, page
):
    """Whatever the selector says is in force, each page says; none works it out itself."""
    case = record_case(
        changed, staff, path_name="Refund without receipt", amount="90", escalate=True
    )
    one, many = selectors.version_in_force, selectors.versions_in_force

    def seventh(version):
        return version and dataclasses.replace(version, number=7)

    monkeypatch.setattr(selectors, "version_in_force", lambda **kw: seventh(one(**kw)))
    monkeypatch.setattr(
        selectors,
        "versions_in_force",
        lambda **kw: {pk: seventh(v) for pk, v in many(**kw).items()},
    )
    url, expected = every_page_that_names_the_version_in_force(changed, case)[page]
    client.force_login(leader)

    words = words_on(client.get(url).content)

    assert expected in words
    if page == "case page":
        # Recorded under version 2, with version "7" in force: the rule changed since.
        assert "The rule has changed since: version 7 is in force." in words
