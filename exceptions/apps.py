from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExceptionsConfig(AppConfig):
    name = "exceptions"
    verbose_name = _("Precedent cases")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published

        from policies.models import PolicyPage

        from .models import Precedent, PrecedentTag
        from .signals import cases_changed, codify_cases_on_publish

        page_published.connect(codify_cases_on_publish, sender=PolicyPage)
        post_save.connect(cases_changed, sender=Precedent)
        for signal in (post_save, post_delete):
            signal.connect(cases_changed, sender=PrecedentTag)
