from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "portal.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from wagtail.signals import page_published

        from exceptions.events import case_decided, case_escalated
        from exceptions.models import Precedent
        from policies.events import reviews_fell_due
        from policies.models import PolicyPage

        from .signals import (
            announce_case_decided,
            announce_case_escalated,
            announce_reviews_due,
            announce_version_published,
        )

        case_escalated.connect(announce_case_escalated, sender=Precedent)
        case_decided.connect(announce_case_decided, sender=Precedent)
        page_published.connect(announce_version_published, sender=PolicyPage)
        reviews_fell_due.connect(announce_reviews_due, sender=PolicyPage)
