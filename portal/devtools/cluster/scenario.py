"""What the cluster check works with, chosen from the demo content in the shared database."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from policies.choices import ChangeKind
from policies.models import PolicyPage
from policies.services import submit_policy_revision
from portal import roles
from portal.devtools.demo.users import DEMO_PASSWORD


@dataclass(frozen=True)
class Person:
    username: str
    name: str
    password: str = DEMO_PASSWORD


@dataclass(frozen=True)
class Policy:
    pk: int
    url: str


@dataclass(frozen=True)
class Draft:
    """A change submitted for approval: once approved, the policy page shows `marker`."""

    policy: Policy
    marker: str


@dataclass(frozen=True)
class Route:
    """What one pass of the checks uses: each pass its own people and policies, so
    that what one pass changed cannot make the other pass."""

    reader: Person
    recorder: Person
    paused: Person
    case_policy: Policy
    draft: Draft


@dataclass(frozen=True)
class Scenario:
    leader: Person
    direct: Route
    balanced: Route


def person(username: str) -> Person:
    user = get_user_model().objects.get(username=username)
    return Person(username=username, name=user.get_full_name())


def quiet_policies() -> list[PolicyPage]:
    """Live policies with an owner and no change waiting or in draft, in a fixed order."""
    return [
        policy
        for policy in PolicyPage.objects.live().filter(owner__isnull=False).order_by("pk")
        if not policy.has_unpublished_changes and policy.current_workflow_state is None
    ]


def submit_draft(policy: PolicyPage) -> Draft:
    """Submit a change to the policy's summary as its owner would, marked so that the
    policy page shows whether the change is live."""
    marker = f"cluster-{secrets.token_hex(4)}"
    draft = policy.get_latest_revision_as_object()
    draft.summary = f"{draft.summary} ({marker})"
    submit_policy_revision(
        policy=draft,
        author=policy.owner,
        summary=f"Summary marked {marker}.",
        kind=ChangeKind.EDITORIAL,
    )
    return Draft(policy=Policy(pk=policy.pk, url=policy.url), marker=marker)


def prepare() -> Scenario:
    """Pick the people and policies of both passes, and submit the two drafts to approve."""
    policies = quiet_policies()
    if len(policies) < 4:
        raise RuntimeError("The demo content has fewer than four policies with no change waiting.")
    leader = get_user_model().objects.filter(groups__name=roles.LEADERSHIP).order_by("pk").first()
    if leader is None:
        raise RuntimeError("The demo content has no leader to approve changes.")
    return Scenario(
        leader=person(leader.username),
        direct=Route(
            reader=person("sam"),
            recorder=person("sam"),
            paused=person("noah"),
            case_policy=Policy(pk=policies[0].pk, url=policies[0].url),
            draft=submit_draft(policies[2]),
        ),
        balanced=Route(
            reader=person("priya"),
            recorder=person("ava"),
            paused=person("omar"),
            case_policy=Policy(pk=policies[1].pk, url=policies[1].url),
            draft=submit_draft(policies[3]),
        ),
    )
