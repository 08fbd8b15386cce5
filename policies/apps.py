from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = _("Policies")

    def ready(self):
        from wagtail.signals import page_published

        from .models import PolicyPage
        from .signals import keep_signable_version, review_clock_on_publish

        page_published.connect(keep_signable_version, sender=PolicyPage)
        page_published.connect(review_clock_on_publish, sender=PolicyPage)
