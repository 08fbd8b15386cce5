"""The structure every portal database needs: roles, the home page, the approval workflow.

`ensure_portal_structure` runs after every `migrate`, so a fresh database has
it with no hand step; it changes nothing when everything is already there.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    Collection,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from exceptions import permissions as case_permissions
from policies import permissions as policy_permissions
from policies.models import PolicyApprovalTask

from . import roles
from .models import HomePage
from .search.permissions import VIEW_UNANSWERED
from .webhooks.permissions import WEBHOOK_PERMISSIONS

# Owners get "add", which in Wagtail also lets them edit the pages they own;
# leadership may edit any policy. Leadership needs "publish" because approving
# the last workflow task publishes as the approver, but the editor's own
# Publish button is withheld (policies.wagtail_hooks): a change goes live only
# through the approval workflow.
PAGE_PERMISSIONS = {
    roles.POLICY_OWNERS: ["add_page"],
    roles.LEADERSHIP: ["add_page", "change_page", "publish_page"],
}
# Each role's model permissions, named by the apps that ask them.
CASE_READER = [case_permissions.VIEW_CASES, case_permissions.RECORD_CASES]
POLICY_EDITOR = [roles.ACCESS_ADMIN, VIEW_UNANSWERED, policy_permissions.READ_CHANGES]
MANAGE_TEAMS = ["portal.view_userprofile", "portal.add_userprofile", "portal.change_userprofile"]
MODEL_PERMISSIONS = {
    roles.STAFF: [*CASE_READER, policy_permissions.SIGN],
    roles.SUPERVISORS: [*CASE_READER, case_permissions.DECIDE_CASES, policy_permissions.SIGN],
    roles.POLICY_OWNERS: [
        *POLICY_EDITOR,
        *CASE_READER,
        case_permissions.CHANGE_CASES,
        case_permissions.IMPORT_CASES,
        policy_permissions.VIEW_INSIGHTS,
    ],
    roles.LEADERSHIP: [
        *POLICY_EDITOR,
        *CASE_READER,
        case_permissions.CHANGE_CASES,
        case_permissions.DECIDE_CASES,
        case_permissions.IMPORT_CASES,
        policy_permissions.VIEW_INSIGHTS,
        policy_permissions.VIEW_COVERAGE,
        policy_permissions.APPROVE_CHANGES,
        *MANAGE_TEAMS,
        *WEBHOOK_PERMISSIONS,
    ],
}
WORKFLOW_NAME = "Policy approval"
APPROVAL_TASK_NAME = "Leadership approval"
WAGTAIL_STARTER_GROUPS = ["Moderators", "Editors"]


def ensure_portal_structure(**kwargs):
    """Create whatever is missing of the roles, home page and workflow (signal receiver)."""
    for app_config in global_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    with transaction.atomic():
        home = ensure_home_page()
        groups = ensure_role_groups(home)
        ensure_approval_workflow(home, groups[roles.LEADERSHIP])


def ensure_home_page() -> HomePage:
    """Return the portal's home page, replacing Wagtail's starter page the first time."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    # Wagtail's own migrations make the locale, the page tree's root and the
    # documents' root collection; a flushed database (as between transactional
    # tests, or before an import) has none of them.
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    for starter in root.get_children().filter(content_type__model="page", numchild=0):
        starter.delete()
    # The starter workflow and groups point at content that no longer exists.
    Workflow.objects.filter(name="Moderators approval").delete()
    Group.objects.filter(name__in=WAGTAIL_STARTER_GROUPS).delete()
    home = root.add_child(instance=HomePage(title="Policy portal", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Policy portal",
        },
    )
    return home


def ensure_role_groups(home: Page) -> dict[str, Group]:
    """Create the four role groups and give each exactly its permissions."""
    groups = {}
    for name, permission_names in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(dotted) for dotted in permission_names])
        wanted = set(PAGE_PERMISSIONS.get(name, []))
        GroupPagePermission.objects.filter(group=group).exclude(
            page=home, permission__codename__in=wanted
        ).delete()
        for codename in wanted:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        groups[name] = group
    return groups


def ensure_approval_workflow(home: Page, leadership: Group) -> Workflow:
    """Every page under the home page goes live only through Leadership's approval, given
    by someone other than the change's author."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = PolicyApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = PolicyApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.set([leadership])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def _permission(dotted_name: str) -> Permission:
    app_label, codename = dotted_name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)
