from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "portal.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from policies.models import PolicyPage

        from .signals import terms_on_publish, terms_on_unpublish

        page_published.connect(terms_on_publish, sender=PolicyPage)
        page_unpublished.connect(terms_on_unpublish, sender=PolicyPage)
