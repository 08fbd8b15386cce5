from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "portal.approvals"
    label = "approvals"
    verbose_name = _("Approvals")

    def ready(self):
        from policies.models.approvals import change_approving

        from .signals import keep_what_the_approver_saw

        change_approving.connect(keep_what_the_approver_saw)
