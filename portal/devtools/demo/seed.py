"""Load the demo company into the database; running it again changes nothing."""

import datetime
from functools import partial
from typing import TypedDict

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

from exceptions.choices import Request
from exceptions.models import Precedent
from exceptions.rulebook import FOLLOW_UP_AFTER_DAYS
from exceptions.services import decide_escalation, record_follow_up, record_precedent
from policies.choices import Flexibility
from policies.models import ExceptionPath, PolicyIndexPage, PolicyPage, RelatedPolicy
from policies.services import (
    approve_policy_revision,
    reject_policy_revision,
    restart_review_clock_for_version,
    submit_policy_revision,
)
from portal.models import HomePage

from .cases import OUTSIDE, STORIES, UPHELD
from .reading import seed_reading
from .rulebook import AREAS, RELATED
from .users import DEMO_PASSWORD, DEMO_USERS

APPROVER = "lena"
# Events of the same day happen in this order: the rule changes, then cases follow.
RULE_CHANGE, CASE = 0, 1
DECISIONS_UNREAD_DAYS = 7


@transaction.atomic
def seed_demo() -> dict[str, int]:
    """Create the demo users, areas, policies and cases that are missing; return the counts."""
    users, users_created = ensure_demo_users()
    home = HomePage.objects.get()
    created = {
        "users": users_created,
        "areas": 0,
        "policies": 0,
        "versions": 0,
        "rejected submissions": 0,
        "cases": 0,
    }
    new_policies = []
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
            if not PolicyPage.objects.filter(slug=policy_data["slug"]).exists():
                new_policies.append((_create_draft_policy(area, policy_data, users), policy_data))
                created["policies"] += 1

    # Replay the story in the order it happened, across policies, so each case
    # is recorded under the policy version in force on its day and "recently
    # changed" and each policy's history read as they happened.
    events = []
    for policy, policy_data in new_policies:
        for number, version in enumerate(policy_data["versions"]):
            publish = partial(_publish_version, policy, version, first=number == 0)
            events.append((version["days_ago"], RULE_CHANGE, "versions", publish))
        for submission in policy_data.get("rejected_submissions", []):
            reject = partial(_reject_submission, policy, submission)
            events.append((submission["days_ago"], RULE_CHANGE, "rejected submissions", reject))
    if not Precedent.objects.exists():
        events += [
            (story["days_ago"], CASE, "cases", partial(_record_story, story)) for story in STORIES
        ]
    for _when, _order, counted_as, happen in sorted(events, key=lambda e: (-e[0], e[1])):
        happen(users=users)
        created[counted_as] += 1
    created["acknowledgements"] = seed_reading(users, _days_ago)
    return created


def ensure_demo_users() -> tuple[dict[str, AbstractBaseUser], int]:
    """Create the demo logins that are missing; return them all by username, and how
    many were created."""
    user_model = get_user_model()
    users: dict[str, AbstractBaseUser] = {}
    created = 0
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
            created += 1
        users[data["username"]] = user
    return users, created


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
    policy.tags.add(*policy_data["tags"])
    area.add_child(instance=policy)
    return policy


def _publish_version(policy, version, *, first, users):
    # Read afresh, paths included: the last version's paths have their keys only now.
    policy = PolicyPage.objects.get(pk=policy.pk)
    went_live = _days_ago(version["days_ago"])
    if first:
        related = [other for one, other in RELATED if one == policy.slug] + [
            one for one, other in RELATED if other == policy.slug
        ]
        policy.related_policy_links = [
            RelatedPolicy(policy=related_policy, sort_order=place)
            for place, related_policy in enumerate(
                PolicyPage.objects.filter(slug__in=related).order_by("title")
            )
        ]
    scheduled = went_live > timezone.now()
    if scheduled:
        # Approved today, it waits for its day: the daily job's publish_scheduled.
        policy.go_live_at = went_live
    revision = _submit_change(policy, version)
    approve_policy_revision(policy=policy, approver=users[APPROVER])
    if scheduled:
        return
    _backdate(policy, revision, went_live, published=True)
    restart_review_clock_for_version(
        policy=PolicyPage.objects.get(pk=policy.pk),
        revision=revision,
        went_live_on=timezone.localdate(went_live),
    )


def _reject_submission(policy, submission, *, users):
    policy = PolicyPage.objects.get(pk=policy.pk)
    revision = _submit_change(policy, submission)
    reject_policy_revision(policy=policy, reviewer=users[APPROVER], comment=submission["comment"])
    _backdate(policy, revision, _days_ago(submission["days_ago"]), published=False)


def _submit_change(policy, change) -> Revision:
    """Apply a version's or submission's changes to `policy` and submit them for approval."""
    for field, value in change["fields"].items():
        setattr(policy, field, value)
    if "paths" in change:
        # A path keeps its identity from version to version, as in the editor, so
        # comparisons match it by identity; its place in the list is its sort order.
        kept = {path.name: path.pk for path in policy.exception_paths.all()}
        policy.exception_paths = [
            ExceptionPath(pk=kept.get(path["name"]), sort_order=place, **path)
            for place, path in enumerate(change["paths"])
        ]
    policy.full_clean()
    cited = [
        Precedent.objects.get(policy=policy, situation__startswith=situation)
        for situation in change.get("cites", [])
    ]
    return submit_policy_revision(
        policy=policy,
        author=policy.owner,
        summary=change["summary"],
        kind=change["kind"],
        driven_by=cited,
    )


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


class CaseMoments(TypedDict, total=False):
    """When a demo case went through each of its steps, as its fields store them."""

    recorded_at: datetime.datetime
    escalated_at: datetime.datetime
    decided_at: datetime.datetime
    decision_seen_at: datetime.datetime
    follow_up_due: datetime.date
    followed_up_at: datetime.datetime


def _record_story(story, *, users):
    policy = PolicyPage.objects.live().get(slug=story["policy"])
    path, requested = (
        None,
        {OUTSIDE: Request.GRANT_OUTSIDE_PATH, UPHELD: Request.UPHOLD}.get(
            story["decision"], Request.GRANT_WITHIN_PATH
        ),
    )
    if requested == Request.GRANT_WITHIN_PATH:
        path = policy.exception_paths.get(name=story["decision"])
    escalation = story["escalation"]
    case = record_precedent(
        policy=policy,
        recorder=users[story["recorder"]],
        path=path,
        requested=requested,
        amount=story["amount"],
        situation=story["situation"],
        rationale=story["rationale"],
        channel=story["channel"],
        tags=story["tags"],
        escalate=escalation is not None,
    )
    recorded_at = _days_ago(story["days_ago"])
    moments: CaseMoments = {"recorded_at": recorded_at}
    if case.is_escalated:
        moments["escalated_at"] = recorded_at
    if escalation not in (None, "waiting"):
        decider, decision, rationale, days_later = escalation
        case = decide_escalation(
            precedent=case,
            decider=users[decider],
            decision=decision,
            rationale=rationale,
            expected_change_count=case.change_count,
        )
        moments["decided_at"] = recorded_at + datetime.timedelta(days=days_later, hours=3)
        # The recorder has read older decisions; the last week's wait on their home page.
        if moments["decided_at"] < timezone.now() - datetime.timedelta(days=DECISIONS_UNREAD_DAYS):
            moments["decision_seen_at"] = moments["decided_at"]
    elif escalation is None:
        moments["decided_at"] = recorded_at
    follow_up_due = None
    if "decided_at" in moments:
        follow_up_due = moments["decided_at"] + datetime.timedelta(days=FOLLOW_UP_AFTER_DAYS)
        moments["follow_up_due"] = timezone.localdate(follow_up_due)
    if story["follow_up"] and follow_up_due and follow_up_due < timezone.now():
        result, notes = story["follow_up"]
        record_follow_up(
            precedent=case,
            user=users[story["recorder"]],
            result=result,
            notes=notes,
            expected_change_count=case.change_count,
        )
        moments["followed_up_at"] = follow_up_due
    Precedent.objects.filter(pk=case.pk).update(**moments)
    # One history row per step the case went through, oldest first.
    steps = [recorded_at]
    if escalation not in (None, "waiting"):
        steps.append(moments["decided_at"])
    if "followed_up_at" in moments:
        steps.append(moments["followed_up_at"])
    for record, when in zip(case.history.order_by("history_id"), steps, strict=True):
        Precedent.history.filter(history_id=record.history_id).update(history_date=when)


def _days_ago(days: int) -> datetime.datetime:
    """A moment `days` ago in the working day, so demo times read naturally."""
    today_ten = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    return min(today_ten, timezone.now()) - datetime.timedelta(days=days)
