from portal import freshness

from .models import Precedent
from .services import codify_cited_cases


def codify_cases_on_publish(sender, instance, revision=None, **kwargs):
    """When a policy version goes live, the cases it cites become codified (page_published)."""
    if revision is not None:
        codify_cited_cases(revision=revision)


def cases_changed(sender, instance, raw=False, **kwargs):
    """A case or its tags saved or removed: what pages show of cases, and of that policy's
    cases, is renewed (portal.freshness). Rows loaded as they are (an import) may come
    before the case their tag belongs to; an import renews the whole cache itself."""
    if isinstance(instance, Precedent):
        policy_id = instance.policy_id
    elif raw:
        policy_id = None
    else:
        policy_id = (
            Precedent.objects.filter(pk=instance.content_object_id)
            .values_list("policy_id", flat=True)
            .first()
        )
    scopes = [freshness.CASES]
    if policy_id is not None:
        scopes.append(freshness.cases_of_policy(policy_id))
    freshness.bump(*scopes)
