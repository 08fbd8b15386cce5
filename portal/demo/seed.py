"""Load the demo company into the database; running it again changes nothing."""

import datetime
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

from policies.choices import Flexibility
from policies.models import ExceptionPath, PolicyIndexPage, PolicyPage, RelatedPolicy
from policies.services import (
    approve_policy_revision,
    reject_policy_revision,
    submit_policy_revision,
)
from portal.models import HomePage

from .rulebook import AREAS, RELATED
from .users import DEMO_PASSWORD, DEMO_USERS

APPROVER = "lena"


@transaction.atomic
def seed_demo() -> dict[str, int]:
    """Create the demo users, areas and policies that are missing; return what was created."""
    users = ensure_demo_users()
    home = HomePage.objects.get()
    created = {
        "users": users["created"],
        "areas": 0,
        "policies": 0,
        "versions": 0,
        "rejected submissions": 0,
    }
    new_policies = {}
    for area_data in AREAS:
        area = PolicyIndexPage.objects.child_of(home).filter(slug=area_data["slug"]).first()
        if area is None:
            area = home.add_child(
                instance=PolicyIndexPage(
                    title=area_data["title"], slug=area_data["slug"], intro=area_data["intro"]
                )
            )
            created["areas"] += 1
        for policy_data in area_data["policies"]:
            if PolicyPage.objects.filter(slug=policy_data["slug"]).exists():
                continue
            new_policies[policy_data["slug"]] = (
                _create_draft_policy(area, policy_data, users),
                policy_data,
            )
            created["policies"] += 1

    # Replay every change in the order it happened, across policies, so "recently
    # changed" and each policy's history read as they happened.
    changes = []
    for policy, policy_data in new_policies.values():
        for number, version in enumerate(policy_data["versions"]):
            publish = partial(_publish_version, policy, version, first=number == 0)
            changes.append((version["days_ago"], "versions", publish))
        for submission in policy_data.get("rejected_submissions", []):
            reject = partial(_reject_submission, policy, submission)
            changes.append((submission["days_ago"], "rejected submissions", reject))
    for _days_ago, counted_as, make_change in sorted(changes, key=lambda change: -change[0]):
        make_change(users=users)
        created[counted_as] += 1
    return created


def ensure_demo_users() -> dict:
    """Create the demo logins that are missing and return them by username."""
    user_model = get_user_model()
    users = {"created": 0}
    for data in DEMO_USERS:
        user, was_created = user_model.objects.get_or_create(
            username=data["username"],
            defaults={
                "first_name": data["first_name"],
                "last_name": data["last_name"],
                "email": f"{data['username']}@example.com",
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=data["role"]))
            users["created"] += 1
        users[data["username"]] = user
    return users


def _create_draft_policy(area, policy_data, users) -> PolicyPage:
    first = policy_data["versions"][0]["fields"]
    policy = PolicyPage(
        title=policy_data["title"],
        slug=policy_data["slug"],
        owner=users[policy_data["owner"]],
        owning_team=policy_data["team"],
        flexibility=policy_data.get("flexibility", Flexibility.FLEXIBLE),
        live=False,
        **first,
    )
    area.add_child(instance=policy)
    policy.tags.add(*policy_data["tags"])
    return policy


def _publish_version(policy, version, *, first, users):
    policy.refresh_from_db()
    went_live = _happened(version)
    if first:
        policy.effective_from = went_live.date()
        policy.next_review_due = None
        related = [other for one, other in RELATED if one == policy.slug] + [
            one for one, other in RELATED if other == policy.slug
        ]
        policy.related_policy_links = [
            RelatedPolicy(policy=related_policy)
            for related_policy in PolicyPage.objects.filter(slug__in=related)
        ]
    revision = _submit_change(policy, version)
    approve_policy_revision(policy=policy, approver=users[APPROVER])
    _backdate(policy, revision, went_live, published=True)


def _reject_submission(policy, submission, *, users):
    policy.refresh_from_db()
    revision = _submit_change(policy, submission)
    reject_policy_revision(policy=policy, reviewer=users[APPROVER], comment=submission["comment"])
    _backdate(policy, revision, _happened(submission), published=False)


def _submit_change(policy, change) -> Revision:
    """Apply a version's or submission's changes to `policy` and submit them for approval."""
    for field, value in change["fields"].items():
        setattr(policy, field, value)
    if "paths" in change:
        policy.exception_paths = [ExceptionPath(**path) for path in change["paths"]]
    policy.full_clean()
    return submit_policy_revision(
        policy=policy, author=policy.owner, summary=change["summary"], kind=change["kind"]
    )


def _happened(change) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=change["days_ago"])


def _backdate(policy, revision, when, *, published):
    """Move a just-made change, and its approval or rejection, to the day it happened."""
    Revision.objects.filter(pk=revision.pk).update(created_at=when, approved_go_live_at=None)
    PageLogEntry.objects.filter(revision=revision).update(timestamp=when)
    TaskState.objects.filter(revision=revision).update(started_at=when, finished_at=when)
    WorkflowState.objects.filter(task_states__revision=revision).update(created_at=when)
    page_updates = {"latest_revision_created_at": when}
    if published:
        page_updates["last_published_at"] = when
        if policy.first_published_at is None or policy.first_published_at > when:
            page_updates["first_published_at"] = when
    PolicyPage.objects.filter(pk=policy.pk).update(**page_updates)
