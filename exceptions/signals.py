from portal import freshness

from .models import Precedent
from .services import codify_cited_cases


def codify_cases_on_publish(sender, instance, revision=None, **kwargs):
    """When a policy version goes live, the cases it cites become codified (page_published)."""
    if revision is not None:
        codify_cited_cases(revision=revision)


def cases_changed(sender, instance, **kwargs):
    """A case or its tags saved: what pages show of cases, and of that policy's cases, is
    renewed (portal.freshness)."""
    case = instance if isinstance(instance, Precedent) else instance.content_object
    freshness.bump(freshness.CASES, freshness.cases_of_policy(case.policy_id))
