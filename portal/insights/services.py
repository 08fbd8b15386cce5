"""Drafts of policy changes made from the evidence: a suggested limit, a proposed path.

Each saves a new revision of the policy, as the editor does, with its change note
and the cases it cites; like any change it goes live only through approval, and
its replay is on the change's review page at once.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision

from policies.choices import ChangeKind
from policies.models import ExceptionPath, PolicyPage
from policies.wording import amount_in_words, decision_time_in_words
from portal import freshness

from .evidence import EVIDENCE_MONTHS, kept_evidence
from .findings import supporting_cases
from .permissions import may_draft_from_evidence


def open_draft_refusal(policy: PolicyPage) -> str:
    """Why no change may be drafted from the evidence now, or "" when one may: a draft
    already open would be overwritten, or its figures mistaken for those in force."""
    if policy.workflow_in_progress:
        return _("A change to this policy is waiting for approval: draft this once it is decided.")
    if policy.has_unpublished_changes:
        return _(
            "A draft of this policy is already open: continue it in the editor; a change "
            "from this evidence can be drafted once that draft is published."
        )
    return ""


def kept_draft_refusal(policy: PolicyPage) -> str:
    """open_draft_refusal, kept until the policy or a change's approval moves on: for the
    evidence page to say; drafting asks afresh, with the policy locked. The policy is read
    again under the versions it is kept by: `policy` may be older than them."""
    scopes = freshness.versions_of(freshness.POLICIES, freshness.WORKFLOWS)
    return (
        cache.get_or_set(
            f"draft-refusal:{policy.pk}:{':'.join(scopes.values())}",
            lambda: open_draft_refusal(PolicyPage.objects.get(pk=policy.pk)),
            settings.PORTAL_FRAGMENT_SECONDS,
        )
        or ""
    )


def _draft_of(policy: PolicyPage, *, author) -> PolicyPage:
    """The live policy to build on, locked while the draft is saved, so its change note
    compares with the rules in force and a second press cannot draft over the first."""
    if not may_draft_from_evidence(user=author, policy=policy):
        raise PermissionDenied
    live = PolicyPage.objects.select_for_update().get(pk=policy.pk)
    if refusal := open_draft_refusal(live):
        raise ValidationError(refusal)
    return live


@transaction.atomic
def draft_limit_change(
    *, policy: PolicyPage, path_id: int, limit, author, now: datetime.datetime | None = None
) -> Revision:
    """Save a draft of `policy` whose path `path_id` has the suggested `limit`, citing the
    escalations above the current limit up to it. Refused when the evidence no longer
    suggests that limit (the page was opened before a case or the policy changed)."""
    now = now or timezone.now()
    draft = _draft_of(policy, author=author)
    path = next(
        (
            found
            for found in kept_evidence(now=now, policy_id=policy.pk).suggestions
            if found.path_id == path_id
        ),
        None,
    )
    if path is None or path.evidence.suggested != limit:
        raise ValidationError(_("The evidence changed since the page was opened: look again."))
    paths = list(draft.exception_paths.all())
    drafted = next((item for item in paths if item.pk == path_id), None)
    if drafted is None:
        raise ValidationError(_("The evidence changed since the page was opened: look again."))
    cited = list(supporting_cases(paths=[path], now=now).values_list("pk", flat=True))
    old = amount_in_words(drafted.limit_amount, drafted.limit_unit)
    drafted.limit_amount = limit
    draft.exception_paths = paths
    granted = sum(band.decisions.granted for band in path.evidence.supporting_bands)
    draft.pending_revision_note = {
        "summary": _(
            "Raise the limit of “%(path)s” from %(old)s to %(new)s: in the last %(months)s "
            "months deciders granted %(granted)s of the %(cases)s escalations between them."
        )
        % {
            "path": drafted.name,
            "old": old,
            "new": amount_in_words(limit, drafted.limit_unit),
            "months": EVIDENCE_MONTHS,
            "granted": granted,
            "cases": len(cited),
        },
        "kind": ChangeKind.SUBSTANTIVE,
        "driven_by": cited,
    }
    return draft.save_revision(user=author, log_action=True)


@transaction.atomic
def draft_proposed_path(
    *, policy: PolicyPage, tag: str, author, now: datetime.datetime | None = None
) -> Revision:
    """Save a draft of `policy` with the path proposed from its recurring grants outside any
    path tagged `tag`, citing them all."""
    now = now or timezone.now()
    draft = _draft_of(policy, author=author)
    proposal = next(
        (item for item in kept_evidence(now=now, policy_id=policy.pk).proposals if item.tag == tag),
        None,
    )
    if proposal is None:
        raise ValidationError(_("The evidence changed since the page was opened: look again."))
    if draft.is_firm:
        raise ValidationError(_("A firm rule is never bent: it has no exception paths."))
    unit = proposal.unit
    hours = round(proposal.answer_hours or 0)
    draft.exception_paths.add(
        ExceptionPath(
            name=proposal.name,
            authority=proposal.tier,
            limit_amount=proposal.limit if unit else None,
            limit_unit=unit,
            conditions=_(
                "Drawn from %(cases)s grants outside any path tagged “%(tag)s”: "
                "say when it applies."
            )
            % {"cases": proposal.cases, "tag": tag},
            record=_("What was granted and why, as in the cases this change cites."),
            decision_hours=hours,
        )
    )
    draft.pending_revision_note = {
        "summary": _(
            "New path “%(name)s”: %(cases)s similar grants outside any path in the last "
            "%(months)s months, answered %(time)s."
        )
        % {
            "name": proposal.name,
            "cases": proposal.cases,
            "months": EVIDENCE_MONTHS,
            "time": decision_time_in_words(hours),
        },
        "kind": ChangeKind.SUBSTANTIVE,
        "driven_by": list(proposal.case_ids),
    }
    return draft.save_revision(user=author, log_action=True)
