from .services import codify_cited_cases


def codify_cases_on_publish(sender, instance, revision=None, **kwargs):
    """When a policy version goes live, the cases it cites become codified (page_published)."""
    if revision is not None:
        codify_cited_cases(revision=revision)
