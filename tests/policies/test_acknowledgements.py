"""Read and sign: a substantive version asks again, an editorial one does not."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from policies.acknowledgements import (
    acknowledge_policy,
    acknowledgement_status,
    coverage_by_policy,
    policies_to_acknowledge,
    refresh_signable_versions,
    signers,
)
from policies.choices import ChangeKind
from policies.models import PolicyAcknowledgement, PolicyPage, SignableVersion
from policies.services import submit_policy_revision
from portal import roles
from tests.clock import clock_at
from tests.policies.factories import PolicyPageFactory, publish_version
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def sign(policy, user):
    status = acknowledgement_status(policy=policy, user=user)
    return acknowledge_policy(
        policy=policy, user=user, revision_id=status["version_to_sign"].revision.pk
    )


def titles(policies):
    return [policy.title for policy in policies]


def test_a_reader_signs_the_current_version_once(policy, staff):
    assert titles(policies_to_acknowledge(user=staff)) == ["Returns within 30 days"]

    first = sign(policy, staff)
    again = sign(policy, staff)

    assert first == again
    assert first.revision_id == policy.live_revision_id
    assert PolicyAcknowledgement.objects.count() == 1
    assert list(policies_to_acknowledge(user=staff)) == []
    assert acknowledgement_status(policy=policy, user=staff)["signed"] == first


def test_a_substantive_version_asks_again_with_what_changed(policy, staff, leader):
    sign(policy, staff)

    publish_version(
        policy,
        kind=ChangeKind.SUBSTANTIVE,
        summary="Staff may now accept returns up to 45 days: most late returns were granted.",
        approver=leader,
        scope="Online and in-store orders.",
    )

    waiting = list(policies_to_acknowledge(user=staff))
    assert titles(waiting) == ["Returns within 30 days"]
    assert waiting[0].signed_before
    assert waiting[0].change_summary.startswith("Staff may now accept returns up to 45 days")
    status = acknowledgement_status(policy=policy, user=staff)
    assert status["signed"] is None
    assert status["signed_before"]
    assert status["note"].summary.startswith("Staff may now accept returns up to 45 days")


def test_an_editorial_version_keeps_the_signature(policy, staff, leader):
    signature = sign(policy, staff)

    publish_version(
        policy,
        kind=ChangeKind.EDITORIAL,
        summary="Plainer words.",
        approver=leader,
        scope="All online orders, in plainer words.",
    )

    assert list(policies_to_acknowledge(user=staff)) == []
    assert acknowledgement_status(policy=policy, user=staff)["signed"] == signature


def test_a_substantive_draft_not_yet_approved_asks_nothing(policy, staff):
    sign(policy, staff)
    draft = PolicyPage.objects.get(pk=policy.pk)
    draft.scope = "A rule nobody approved."
    submit_policy_revision(
        policy=draft, author=policy.owner, summary="Not approved.", kind=ChangeKind.SUBSTANTIVE
    )

    assert list(policies_to_acknowledge(user=staff)) == []


def test_signing_a_version_replaced_meanwhile_is_refused(policy, staff, leader):
    read = acknowledgement_status(policy=policy, user=staff)["version_to_sign"].revision.pk
    publish_version(policy, kind=ChangeKind.SUBSTANTIVE, summary="New limits.", approver=leader)

    with pytest.raises(ValidationError, match="changed while you were reading"):
        acknowledge_policy(policy=policy, user=staff, revision_id=read)
    assert not PolicyAcknowledgement.objects.exists()


def test_only_staff_and_supervisors_sign(policy, staff, supervisor, owner, leader):
    assert set(signers().values_list("username", flat=True)) == {"staff", "supervisor"}
    with pytest.raises(PermissionDenied):
        sign(policy, owner)
    with pytest.raises(PermissionDenied):
        sign(policy, leader)


def test_coverage_counts_current_signers_of_the_current_version(
    policy, area, owner, leader, staff, supervisor
):
    other = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Another rule")
    sign(policy, staff)
    sign(policy, supervisor)
    sign(other, staff)
    publish_version(other, kind=ChangeKind.SUBSTANTIVE, summary="New limits.", approver=leader)
    gone = UserFactory(username="gone", role=roles.STAFF)
    sign(policy, gone)
    gone.is_active = False
    gone.save()

    coverage = {item.title: item.signed for item in coverage_by_policy()}

    assert coverage == {"Another rule": 0, "Returns within 30 days": 2}


def version_to_sign(policy) -> int | None:
    return (
        SignableVersion.objects.filter(policy=policy).values_list("revision_id", flat=True).first()
    )


def test_the_version_to_sign_is_the_latest_substantive_one_to_go_live(policy, leader):
    first = version_to_sign(policy)
    editorial = publish_version(policy, approver=leader, kind=ChangeKind.EDITORIAL)
    after_editorial = version_to_sign(policy)
    substantive = publish_version(policy, approver=leader, kind=ChangeKind.SUBSTANTIVE)

    assert first == PolicyPage.objects.get(pk=policy.pk).revisions.order_by("pk").first().pk
    assert after_editorial == first != editorial.pk
    assert version_to_sign(policy) == substantive.pk


def test_a_version_scheduled_for_later_is_signed_only_once_it_is_live(policy, owner):
    current = version_to_sign(policy)
    later = PolicyPage.objects.get(pk=policy.pk)
    later.go_live_at = timezone.now() + datetime.timedelta(days=7)
    later.pending_revision_note = {"summary": "Scheduled change.", "kind": ChangeKind.SUBSTANTIVE}
    revision = later.save_revision(user=owner)

    revision.publish()
    scheduled = version_to_sign(policy)
    with clock_at(timezone.now() + datetime.timedelta(days=8)):
        call_command("publish_scheduled", stdout=io.StringIO())

    assert scheduled == current
    assert version_to_sign(policy) == revision.pk


def test_versions_written_in_bulk_are_read_back_from_the_audit_log(policy, leader, area, owner):
    other = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Gift cards")
    publish_version(policy, approver=leader, kind=ChangeKind.SUBSTANTIVE)
    publish_version(policy, approver=leader, kind=ChangeKind.EDITORIAL)
    kept = {pk: version_to_sign(pk) for pk in (policy.pk, other.pk)}
    SignableVersion.objects.all().delete()

    refresh_signable_versions(policy_ids=[policy.pk, other.pk])

    assert {pk: version_to_sign(pk) for pk in (policy.pk, other.pk)} == kept
