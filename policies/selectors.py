"""Reads that pages across the portal share: which version of a policy is in force.

The policy page, its history, the acknowledgement coverage and the case pages
all say which version is in force; they all ask here, so they cannot disagree.
The facts (the version's number, the day it went live, who approved it) come
from Wagtail's publish log, as the history reads them (policies.history).
"""

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from wagtail.models import PageLogEntry

from .history import (
    PUBLISH_ACTIONS,
    UNPUBLISH_ACTIONS,
    PublishedVersion,
    publications_of,
    version_from,
    with_approvers,
)

if TYPE_CHECKING:
    # The policy page renders with these reads; importing its model here would be circular.
    from .models import PolicyPage


def versions_in_force(
    *, policies: Iterable["PolicyPage"], day: datetime.date | None = None
) -> dict[int, PublishedVersion]:
    """The version of each policy in force, by policy id, with who approved it.

    Without `day`, the version in force now: the one the live page shows. With
    `day`, the one in force at the end of that day in the portal's time zone
    (a version counts from the day it went live). A policy without one (not
    yet live, or unpublished then) is left out. Two queries, three with `day`,
    however many policies are asked about; the revisions' content is not read.
    """
    policies = list(policies)
    if day is None:
        revision_in_force = {
            policy.pk: policy.live_revision_id
            for policy in policies
            if policy.live and policy.live_revision_id
        }
    else:
        revision_in_force = _revisions_in_force_on(day, policy_ids=[p.pk for p in policies])
    if not revision_in_force:
        return {}
    in_force = [
        version_from(entry)
        for entry in publications_of(policy_ids=list(revision_in_force))
        .defer("revision__content")
        .order_by("page_id", "timestamp", "pk")
        if revision_in_force[entry.page_id] == entry.revision_id
    ]
    return {version.policy_id: version for version in with_approvers(in_force)}


def version_in_force(
    *,
    policy: "PolicyPage",
    day: datetime.date | None = None,
    among: Iterable[PublishedVersion] = (),
) -> PublishedVersion | None:
    """The policy's version in force now, or at the end of `day`; None when it had none.

    A page that has already read some of the policy's versions passes them as
    `among`: when the version in force now is one of them, it is taken from there,
    and only its approvals are read if they were not.
    """
    if day is None and policy.live:
        for version in among:
            if version.revision.pk == policy.live_revision_id:
                return version if version.approved_by is not None else with_approvers([version])[0]
    return versions_in_force(policies=[policy], day=day).get(policy.pk)


def _revisions_in_force_on(day: datetime.date, *, policy_ids: list[int]) -> dict[int, int]:
    """The revision each policy had live at the end of `day`, read from the publish log."""
    live = {}
    changes = (
        PageLogEntry.objects.filter(
            page_id__in=policy_ids,
            action__in=PUBLISH_ACTIONS + UNPUBLISH_ACTIONS,
            timestamp__date__lte=day,
        )
        .order_by("timestamp", "pk")
        .values_list("page_id", "action", "revision_id")
    )
    for page_id, action, revision_id in changes:
        live[page_id] = None if action in UNPUBLISH_ACTIONS else revision_id
    return {page_id: revision_id for page_id, revision_id in live.items() if revision_id}
