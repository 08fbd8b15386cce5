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
