from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExceptionsConfig(AppConfig):
    name = "exceptions"
    verbose_name = _("Precedent cases")

    def ready(self):
        from wagtail.signals import page_published

        from policies.models import PolicyPage

        from .signals import codify_cases_on_publish

        page_published.connect(codify_cases_on_publish, sender=PolicyPage)
