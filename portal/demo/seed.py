"""Load the demo company into the database; running it again changes nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

from policies.choices import Flexibility
from policies.models import ExceptionPath, PolicyIndexPage, PolicyPage, RelatedPolicy
from policies.services import approve_policy_revision, submit_policy_revision
from portal.models import HomePage

from .rulebook import AREAS, RELATED
from .users import DEMO_PASSWORD, DEMO_USERS

APPROVER = "lena"


@transaction.atomic
def seed_demo() -> dict[str, int]:
    """Create the demo users, areas and policies that are missing; return what was created."""
    users = ensure_demo_users()
    home = HomePage.objects.get()
    created = {"users": users["created"], "areas": 0, "policies": 0, "versions": 0}
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

    # Publish every new version in the order it went live, across policies, so
    # "recently changed" and each policy's history read as they happened.
    versions = [
        (version, policy, number)
        for policy, policy_data in new_policies.values()
        for number, version in enumerate(policy_data["versions"])
    ]
    for version, policy, number in sorted(versions, key=lambda item: -item[0]["days_ago"]):
        _publish_version(policy, version, first=number == 0, users=users)
        created["versions"] += 1
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
    went_live = timezone.now() - datetime.timedelta(days=version["days_ago"])
    for field, value in version["fields"].items():
        setattr(policy, field, value)
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
    if "paths" in version:
        policy.exception_paths = [ExceptionPath(**path) for path in version["paths"]]
    policy.full_clean()
    author = policy.owner
    revision = submit_policy_revision(
        policy=policy, author=author, summary=version["summary"], kind=version["kind"]
    )
    approve_policy_revision(policy=policy, approver=users[APPROVER])
    _backdate(policy, revision, went_live)


def _backdate(policy, revision, when):
    """Move a just-published version to the day it went live in the demo story."""
    Revision.objects.filter(pk=revision.pk).update(created_at=when, approved_go_live_at=None)
    PageLogEntry.objects.filter(revision=revision).update(timestamp=when)
    TaskState.objects.filter(revision=revision).update(started_at=when, finished_at=when)
    WorkflowState.objects.filter(
        object_id=str(policy.pk), current_task_state__isnull=True, created_at__gt=when
    ).update(created_at=when)
    page_updates = {"last_published_at": when, "latest_revision_created_at": when}
    if policy.first_published_at is None or policy.first_published_at > when:
        page_updates["first_published_at"] = when
    PolicyPage.objects.filter(pk=policy.pk).update(**page_updates)
