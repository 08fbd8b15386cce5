from django import template

from policies.permissions import may_sign
from policies.signatures import acknowledgement_status

register = template.Library()


@register.simple_tag(takes_context=True)
def signing_status(context, policy, versions=None):
    """The reader's signing status for the policy page, or None for people who do not sign.

    `versions` are the policy's published versions, which the page has read already.
    """
    user = context["request"].user
    if not may_sign(user):
        return None
    return acknowledgement_status(policy=policy, user=user, versions=versions or None)
