"""The four roles of the portal, as Django groups."""

STAFF = "Staff"
SUPERVISORS = "Supervisors"
POLICY_OWNERS = "Policy owners"
LEADERSHIP = "Leadership"

# Model permissions per role, as "app_label.codename". Page permissions on the
# policy tree are granted separately (see portal.structure.PAGE_PERMISSIONS).
# Frontline readers (staff and supervisors) sign each substantive policy version.
CASE_READER = ["exceptions.view_precedent", "exceptions.add_precedent"]
POLICY_SIGNER = "policies.add_policyacknowledgement"
MODEL_PERMISSIONS = {
    STAFF: [*CASE_READER, POLICY_SIGNER],
    SUPERVISORS: [*CASE_READER, "exceptions.decide_precedent", POLICY_SIGNER],
    POLICY_OWNERS: [
        "wagtailadmin.access_admin",
        "search.view_unansweredsearch",
        "policies.view_revisionnote",
        *CASE_READER,
        "exceptions.change_precedent",
        "policies.view_insights",
    ],
    LEADERSHIP: [
        "wagtailadmin.access_admin",
        "search.view_unansweredsearch",
        "policies.view_revisionnote",
        *CASE_READER,
        "exceptions.change_precedent",
        "exceptions.decide_precedent",
        "policies.view_insights",
        "policies.view_policyacknowledgement",
        "portal.view_userprofile",
        "portal.add_userprofile",
        "portal.change_userprofile",
    ],
}
