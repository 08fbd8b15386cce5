from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from .structure import ensure_portal_structure

        # After every migrate (and every test database flush) the groups, the
        # home page and the approval workflow exist, with no hand step.
        post_migrate.connect(ensure_portal_structure, sender=self)
