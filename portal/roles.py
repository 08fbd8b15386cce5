"""The four roles of the portal, as Django groups."""

from django.utils.translation import gettext_lazy as _

STAFF = "Staff"
SUPERVISORS = "Supervisors"
POLICY_OWNERS = "Policy owners"
LEADERSHIP = "Leadership"

ROLE_DESCRIPTIONS = {
    STAFF: _("Frontline staff: read policies, record cases within their own authority."),
    SUPERVISORS: _("Tier 2: also decide cases escalated to supervisors."),
    POLICY_OWNERS: _("Edit the policies they own in the admin and submit them for approval."),
    LEADERSHIP: _("Tier 3: approve policy changes, decide any escalation, read insights."),
}

# Model permissions per role, as "app_label.codename". Page permissions on the
# policy tree are granted separately (see portal.structure.PAGE_PERMISSIONS).
MODEL_PERMISSIONS = {
    STAFF: [],
    SUPERVISORS: [],
    POLICY_OWNERS: ["wagtailadmin.access_admin"],
    LEADERSHIP: ["wagtailadmin.access_admin"],
}
