"""The approval a policy change needs before it goes live: Leadership's, from someone else."""

from django.core.exceptions import PermissionDenied
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, TaskState

from ..permissions import may_approve

# Sent just before a change is approved, from the portal or the admin alike, with
# `task_state` (its revision is the one about to go live), `user` and `comment`:
# what is kept of what the approver knew is kept before the approval changes anything.
change_approving = Signal()


class PolicyApprovalTask(GroupApprovalTask):
    """A group approval that its author cannot give.

    Members of the chosen groups approve or request changes, as in Wagtail's
    group approval, except on a change they submitted or edited while it
    waited: they are offered no action on it, it is not listed as waiting for
    them, and an approval they send anyway is refused.
    """

    class Meta:
        verbose_name = _("approval by someone other than the author")
        verbose_name_plural = _("approvals by someone other than the author")

    def get_actions(self, obj, user):
        workflow_state = obj.current_workflow_state
        if workflow_state is not None and not may_approve(user=user, workflow_state=workflow_state):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return TaskState.objects.filter(
            pk__in=[
                state.pk
                for state in states.select_related("workflow_state")
                if may_approve(user=user, workflow_state=state.workflow_state)
            ]
        )

    def on_action(self, task_state, user, action_name, **kwargs):
        if not may_approve(user=user, workflow_state=task_state.workflow_state):
            raise PermissionDenied(_("A change is approved by someone other than its author."))
        if action_name == "approve":
            change_approving.send(
                sender=type(self),
                task_state=task_state,
                user=user,
                comment=kwargs.get("comment", ""),
            )
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve, except on a change they submitted or edited"
        )
