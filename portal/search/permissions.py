"""Who may see what the search did not answer."""

VIEW_UNANSWERED = "search.view_unansweredsearch"
