"""Panels of the policy editor that are not fields."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class ReplayLinkPanel(Panel):
    """A link from the editor to the change's review page, where the latest saved draft is
    replayed over the past year's cases and compared with the version in force."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "policies/panels/replay_link.html"

        def is_shown(self):
            return self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["review_url"] = reverse("approvals:review", args=[self.instance.pk])
            return context


class EvidenceLinkPanel(Panel):
    """A link from the editor to the policy's evidence: before a substantive change, what
    saying no has cost under this policy, the limits its deciders read and the paths its
    grants outside any path propose."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "policies/panels/evidence_link.html"

        def is_shown(self):
            return self.instance.pk is not None and self.instance.live

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["evidence_url"] = reverse("policy_evidence", args=[self.instance.pk])
            return context
