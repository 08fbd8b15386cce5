"""Receivers of the policies app's approval signal, connected in ApprovalsConfig.ready."""

from exceptions.selectors import kept_replay
from policies.models import RevisionNote


def keep_what_the_approver_saw(sender, task_state, user, comment: str = "", **kwargs):
    """Keep the approver's comment and the replay's figures on the change's note, before the
    approval publishes it: approving in the portal or in the admin, the history shows what
    the decision rested on.

    The revision that goes live is the policy's latest (Wagtail publishes it when the
    workflow finishes), so that is the one replayed and noted.
    """
    revision = task_state.workflow_state.content_object.get_latest_revision()
    note = RevisionNote.objects.filter(revision=revision).first()
    if note is None:
        return
    note.approver_comment = comment or ""
    note.replay_summary = kept_replay(revision=revision).summary()
    note.save(update_fields=["approver_comment", "replay_summary"])
