"""A sample of the Wagtail admin's pages, for the tests that walk it as each role."""

from django.urls import reverse


def admin_urls(policy):
    """A sample of the Wagtail admin: its dashboard, the policy editor, users, workflows,
    and the portal's own admin pages (webhooks, imports of cases and of Word documents)."""
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_pages:edit", args=[policy.pk]),
        reverse("wagtailadmin_pages:history", args=[policy.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[policy.get_parent().pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("webhook_endpoints:index"),
        reverse("webhook_endpoints:add"),
        reverse("webhook_deliveries:index"),
        reverse("policies_import"),
        reverse("import_cases"),
    ]
