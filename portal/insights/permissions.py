"""Who may read the evidence to change the rules, and act on it."""

from policies.permissions import may_approve_changes, may_review, may_view_insights


def may_view_evidence(user) -> bool:
    """Owners and leadership read the evidence, as they read pressure."""
    return may_view_insights(user)


def may_draft_from_evidence(*, user, policy) -> bool:
    """Whoever may edit the policy (its owner, leadership) may draft a change from its evidence."""
    return may_view_evidence(user) and may_review(policy=policy, user=user)


def may_see_decision_consistency(user) -> bool:
    """Leadership alone sees how deciders' grant rates differ: a prompt to align, kept
    among those who answer for the decisions."""
    return may_approve_changes(user)
