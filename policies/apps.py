from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = _("Policies")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import TaskState, WorkflowState
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .models import PolicyAcknowledgement, PolicyPage
        from .signals import (
            keep_signable_version,
            policies_changed,
            review_clock_on_publish,
            signatures_changed,
            workflows_changed,
        )

        page_published.connect(keep_signable_version, sender=PolicyPage)
        page_published.connect(review_clock_on_publish, sender=PolicyPage)
        # Any page: an area's title or intro shows on the home page and its policies.
        for signal in (page_published, page_unpublished, post_page_move, post_save, post_delete):
            signal.connect(policies_changed)
        for signal in (post_save, post_delete):
            signal.connect(signatures_changed, sender=PolicyAcknowledgement)
        for model in (WorkflowState, TaskState):
            for signal in (post_save, post_delete):
                signal.connect(workflows_changed, sender=model)
