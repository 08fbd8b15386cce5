from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from .models import PolicyPage, RevisionNote
from .permissions import may_import_policies
from .word_import.views import import_policies


@hooks.register("before_delete_page")
def keep_policies_with_history(request, page):
    """Refuse to delete a policy whose versions are on record; unpublishing retires it."""
    if not isinstance(page.specific, PolicyPage):
        return None
    if RevisionNote.objects.filter(revision__object_id=str(page.pk)).exists():
        messages.error(
            request,
            _(
                "“%(title)s” has published versions on record and cannot be deleted. "
                "Unpublish it to retire the rule; its history stays readable."
            )
            % {"title": page.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


# What the editor's menu offers that the policy editor leaves to other places.
DIRECT_PUBLISH = "action-publish"
# Approving or sending back from the editor would first save the editor's form as a
# new revision, written by the approver, with a change note of their own: the change
# would no longer be its author's, and four eyes would refuse its own approver.
# Leadership approves from the dashboard, on exactly what was submitted.
WORKFLOW_ACTIONS_IN_EDITOR = {"approve", "reject"}


@hooks.register("construct_page_action_menu")
def withhold_direct_publish(menu_items, request, context):
    """Offer "Submit for approval" instead of "Publish" to everyone but administrators, and
    leave approving and sending back to the dashboard."""
    menu_items[:] = [
        item
        for item in menu_items
        if not (item.name == DIRECT_PUBLISH and not request.user.is_superuser)
        and item.name not in WORKFLOW_ACTIONS_IN_EDITOR
    ]


@hooks.register("before_publish_page")
def refuse_direct_publish(request, page):
    """Refuse a hand-made publish request: the workflow's approval is the only way live.

    The editor has already saved a revision by now; rolling back the request's
    transaction (ATOMIC_REQUESTS) leaves nothing of the attempt behind.
    """
    if request.user.is_superuser:
        return None
    transaction.set_rollback(True)
    messages.error(
        request,
        _("Policy changes go live only through Leadership's approval. Submit it for approval."),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type == "publish" and not request.user.is_superuser:
        raise PermissionDenied(_("Pages go live only through Leadership's approval."))


@hooks.register("before_copy_page")
def copy_only_as_a_draft(request, page):
    """Refuse a copy that would go live at once, or an alias (which is live as its original
    is): a new page goes live only through the approval workflow, like any change."""
    if request.method != "POST":
        return None
    # Wagtail reads the destination straight from the form: an id that names no
    # page would fail there instead of being refused.
    parent = request.POST.get("new_parent_page", "")
    if not (parent.isdigit() and len(parent) < 19 and Page.objects.filter(pk=parent).exists()):
        messages.error(request, _("Choose where the copy goes."))
        return redirect("wagtailadmin_pages:copy", page.pk)
    if request.user.is_superuser:
        return None
    if request.POST.get("publish_copies") or request.POST.get("alias"):
        messages.error(
            request,
            _(
                "A copy goes live only through Leadership's approval. Copy it without "
                "publishing and without an alias, then submit the copy for approval."
            ),
        )
        return redirect("wagtailadmin_pages:copy", page.pk)
    return None


class ImportPoliciesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import_policies(request.user)


@hooks.register("register_admin_urls")
def register_import_policies():
    return [path("import-policies/", import_policies, name="policies_import")]


@hooks.register("register_admin_menu_item")
def import_policies_menu_item():
    return ImportPoliciesMenuItem(
        gettext_lazy("Import from Word"),
        reverse("policies_import"),
        icon_name="doc-full",
        order=320,
    )
