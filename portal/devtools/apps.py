from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevtoolsConfig(AppConfig):
    name = "portal.devtools"
    label = "devtools"
    verbose_name = _("Developer tools")
