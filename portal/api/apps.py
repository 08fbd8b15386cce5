from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "portal.api"
    label = "api"
    verbose_name = _("JSON API")

    def ready(self):
        # drf-spectacular finds the token scheme by its class being imported.
        from . import schema  # noqa: F401
