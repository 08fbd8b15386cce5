from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExceptionsConfig(AppConfig):
    name = "exceptions"
    verbose_name = _("Precedent cases")
