"""Who may do what to a policy: the named predicates the services, views and admin ask."""

from wagtail.models import Revision, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal import freshness
from portal.access import kept_answer
from portal.roles import may_use_admin

SIGN = "policies.add_policyacknowledgement"
READ_CHANGES = "policies.view_revisionnote"
VIEW_INSIGHTS = "policies.view_insights"
VIEW_COVERAGE = "policies.view_policyacknowledgement"
APPROVE_CHANGES = "policies.approve_changes"


def may_sign(user) -> bool:
    """Staff and supervisors sign each substantive policy version; nobody else is asked to."""
    return user.has_perm(SIGN)


def may_view_insights(user) -> bool:
    """Owners and leadership see which rules are under pressure and which reviews are due."""
    return user.has_perm(VIEW_INSIGHTS)


def may_view_coverage(user) -> bool:
    """Leadership sees who has signed the versions in force, by policy and by team."""
    return user.has_perm(VIEW_COVERAGE)


def may_read_changes(user) -> bool:
    """Owners and leadership read every published change with its note and cited cases."""
    return user.has_perm(READ_CHANGES)


def may_approve_changes(user) -> bool:
    """Leadership approves policy changes, and so sees every change waiting for approval.

    The approval task's groups are given this permission with the task (portal.structure),
    so asking it spares a query on every page; on each change the task itself still says
    whether this approver may act (may_approve, four eyes).
    """
    return user.has_perm(APPROVE_CHANGES)


def may_see_change(*, policy, user) -> bool:
    """Who may read a policy's unpublished change and its replay: those who approve
    changes, and those who may edit the policy (its owner)."""
    return may_approve_changes(user) or may_review(policy=policy, user=user)


def wrote_the_change(*, user, workflow_state: WorkflowState) -> bool:
    """Whether `user` submitted the change waiting in `workflow_state`, or saved any
    revision of it since: the content that would go live is then partly theirs."""
    if workflow_state.requested_by_id == user.pk:
        return True
    submitted = (
        workflow_state.task_states.order_by("pk").values_list("revision_id", flat=True).first()
    )
    if submitted is None:
        return False
    return Revision.objects.filter(
        base_content_type_id=workflow_state.base_content_type_id,
        object_id=workflow_state.object_id,
        pk__gte=submitted,
        user=user,
    ).exists()


def may_approve(*, user, workflow_state: WorkflowState) -> bool:
    """Four eyes: a change goes live only when someone who did not write it approves it."""
    return not wrote_the_change(user=user, workflow_state=workflow_state)


def may_review(*, policy, user) -> bool:
    """Whoever may edit the policy may review it: its owner and leadership.

    Editing needs the admin, so people without it are answered from their
    cached permissions, sparing every reader's policy page the page-permission
    queries. Wagtail's answer for those with it is kept until a role or a right
    over pages changes, or the page tree does (its owner, its place).
    """
    return may_use_admin(user) and kept_answer(
        user,
        f"edits-policy:{policy.pk}",
        lambda: policy.permissions_for_user(user).can_edit(),
        also=(freshness.POLICIES,),
    )


def may_import_policies(user) -> bool:
    """Whoever may add policies (owners, leadership) may bring them in from Word documents,
    as drafts that go through approval like any other change."""
    return may_use_admin(user) and PagePermissionPolicy().user_has_permission(user, "add")


def may_import_into(*, user, area) -> bool:
    """Policies are imported into an area the user may add policies to."""
    return may_import_policies(user) and area.permissions_for_user(user).can_add_subpage()
