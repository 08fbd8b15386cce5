"""Receivers that keep the vocabulary of typo correction in step with what is live.

Connected in SearchConfig.ready for policies. A version that is only scheduled
changes nothing yet: its words count from the day it goes live.
"""

from policies.signals import went_live

from .services import keep_policy_terms


def terms_on_publish(sender, instance, revision=None, **kwargs):
    if went_live(instance, revision):
        keep_policy_terms(policies=[instance])


def terms_on_unpublish(sender, instance, **kwargs):
    keep_policy_terms(policies=[instance])
