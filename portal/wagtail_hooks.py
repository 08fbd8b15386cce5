import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter

from policies.services import REVIEWED_ACTION

from .models import BreakGlassAccount, UserProfile
from .reminders import PRESSURE_CLEARED_ACTION, PRESSURE_FLAGGED_ACTION, REVIEW_REMINDER_ACTION


class TeamMembershipViewSet(ModelViewSet):
    """Which team each person works in, for the acknowledgement coverage per team."""

    model = UserProfile
    icon = "group"
    menu_label = _("Teams")
    add_to_settings_menu = True
    form_fields = ["user", "team"]
    list_display = ["user", "team"]
    ordering = ["team", "user__last_name", "user__first_name"]


@hooks.register("register_admin_viewset")
def register_team_memberships():
    return TeamMembershipViewSet("teams")


class BreakGlassAccountViewSet(ModelViewSet):
    """The logins that keep their password while single sign-on is on (administrators only)."""

    model = BreakGlassAccount
    icon = "warning"
    menu_label = _("Break-glass accounts")
    add_to_settings_menu = True
    form_fields = ["user", "reason"]
    list_display = ["user", "reason"]
    ordering = ["user__username"]


@hooks.register("register_admin_viewset")
def register_break_glass_accounts():
    return BreakGlassAccountViewSet("break-glass")


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    """The review cycle's entries in a policy's history in the admin."""

    @actions.register_action(REVIEWED_ACTION)
    class Reviewed(LogFormatter):
        label = _("Review: still valid")

        def format_message(self, log_entry):
            next_due = datetime.date.fromisoformat(log_entry.data["next_due"])
            return _("Reviewed, still valid. Next review due %(date)s.") % {
                "date": date_format(next_due, "j F Y")
            }

        def format_comment(self, log_entry):
            return log_entry.data.get("note", "")

    @actions.register_action(REVIEW_REMINDER_ACTION)
    class ReviewReminded(LogFormatter):
        label = _("Review reminder sent")

        def format_message(self, log_entry):
            return _("Review reminder emailed to %(email)s.") % {
                "email": log_entry.data.get("email")
            }

    @actions.register_action(PRESSURE_FLAGGED_ACTION)
    class PressureFlagged(LogFormatter):
        label = _("Review recommended")

        def format_message(self, log_entry):
            return (
                _(
                    "Exception pressure reached %(pressure)s, at or above the threshold of "
                    "%(threshold)s: review recommended."
                )
                % log_entry.data
            )

    actions.register_action(
        PRESSURE_CLEARED_ACTION,
        _("Pressure eased"),
        _("Exception pressure fell back below the review threshold."),
    )
