"""Leadership's answers to a policy change, given in the portal through the approval task's
own actions (policies.services), exactly as the admin gives them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Revision

from exceptions.replay import ReplayGroup
from exceptions.selectors import kept_replay
from exceptions.services import supersede_cases
from policies.models import PolicyPage, RevisionNote
from policies.services import approve_policy_revision, reject_policy_revision


def _check_unchanged(policy: PolicyPage, *, revision_id: int) -> None:
    """Refuse an answer given to a change that was edited after the reviewer opened it."""
    if policy.latest_revision_id != revision_id:
        raise ValidationError(
            _("This change was edited after you opened it. Review it again as it stands now.")
        )


@transaction.atomic
def approve_change(
    *, policy: PolicyPage, approver, revision_id: int, comment: str = "", supersede: bool = False
) -> Revision:
    """Approve the change the approver reviewed; with `supersede`, mark the standing cases its
    replay says it contradicts as superseded. Returns the approved revision.

    The approval task refuses the change's own author (four eyes), as in the admin; the
    replay's figures and the comment are kept on the change's note as it is approved
    (portal.approvals.signals), and the number of cases superseded beside them.
    """
    policy = PolicyPage.objects.select_for_update().get(pk=policy.pk)
    _check_unchanged(policy, revision_id=revision_id)
    contradicted = kept_replay(revision=policy.latest_revision).cases[ReplayGroup.CONTRADICTED]
    revision = approve_policy_revision(policy=policy, approver=approver, comment=comment)
    if supersede and contradicted:
        reason = _("Superseded by the change to “%(title)s” approved on %(day)s: %(summary)s")
        note = RevisionNote.objects.get(revision=revision)
        marked = supersede_cases(
            case_ids=contradicted,
            user=approver,
            reason=reason
            % {
                "title": policy.title,
                "day": date_format(timezone.localdate(), "j F Y"),
                "summary": note.summary,
            },
        )
        note.replay_summary = {**(note.replay_summary or {}), "superseded": len(marked)}
        note.save(update_fields=["replay_summary"])
    return revision


@transaction.atomic
def request_changes(*, policy: PolicyPage, reviewer, revision_id: int, comment: str) -> Revision:
    """Send the change back to its author with `comment`; the version in force stays.

    Wagtail emails the author the comment; their home page shows it until they resubmit.
    """
    policy = PolicyPage.objects.select_for_update().get(pk=policy.pk)
    _check_unchanged(policy, revision_id=revision_id)
    return reject_policy_revision(policy=policy, reviewer=reviewer, comment=comment)
