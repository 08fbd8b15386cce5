"""Who may configure webhooks and read their delivery log: leadership, who decide what
leaves the portal, and to where."""

MANAGE_WEBHOOKS = "webhooks.change_webhookendpoint"
# What leadership is granted (portal.structure): every action on endpoints, and reading
# the delivery log, which only the portal writes.
WEBHOOK_PERMISSIONS = [
    "webhooks.add_webhookendpoint",
    MANAGE_WEBHOOKS,
    "webhooks.delete_webhookendpoint",
    "webhooks.view_webhookendpoint",
    "webhooks.view_webhookdelivery",
]


def may_manage_webhooks(user) -> bool:
    """Leadership adds, changes and removes endpoints and reads every delivery."""
    return user.has_perm(MANAGE_WEBHOOKS)
