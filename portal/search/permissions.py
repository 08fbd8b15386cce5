"""Who may see what the search did not answer, and turn it into a policy's words."""

VIEW_UNANSWERED = "search.view_unansweredsearch"


def may_read_unanswered(user) -> bool:
    """Policy owners and leadership read the searches that found nothing."""
    return user.has_perm(VIEW_UNANSWERED)


def may_add_search_phrase(*, user, policy) -> bool:
    """Whoever may edit a policy (its owner, leadership) may give it words it is searched by,
    as a draft that goes through approval like any other change."""
    return may_read_unanswered(user) and policy.permissions_for_user(user).can_edit()
