import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, Site, WorkflowPage

from portal import roles
from portal.models import HomePage
from portal.structure import ensure_portal_structure

pytestmark = pytest.mark.django_db


def page_permissions(group_name):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name).values_list(
            "permission__codename", flat=True
        )
    )


def test_the_four_roles_exist_after_migrate_with_no_hand_step():
    assert set(Group.objects.values_list("name", flat=True)) == {
        roles.STAFF,
        roles.SUPERVISORS,
        roles.POLICY_OWNERS,
        roles.LEADERSHIP,
    }


def test_each_role_has_exactly_its_page_permissions():
    assert page_permissions(roles.STAFF) == set()
    assert page_permissions(roles.SUPERVISORS) == set()
    assert page_permissions(roles.POLICY_OWNERS) == {"add_page"}
    assert page_permissions(roles.LEADERSHIP) == {"add_page", "change_page", "publish_page"}


def test_only_owners_and_leadership_reach_the_admin(staff, supervisor, owner, leader, outsider):
    reach = {
        user.username: user.has_perm("wagtailadmin.access_admin")
        for user in (staff, supervisor, owner, leader, outsider)
    }
    assert reach == {
        "staff": False,
        "supervisor": False,
        "owner": True,
        "leader": True,
        "outsider": False,
    }


def test_home_page_is_the_default_site_root():
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert Page.objects.filter(depth=2).count() == 1


def test_every_policy_goes_through_leadership_approval():
    workflow_page = WorkflowPage.objects.get(page=HomePage.objects.get())
    task = workflow_page.workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.LEADERSHIP]


def test_running_it_again_changes_nothing():
    before = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Page.objects.count(),
        WorkflowPage.objects.count(),
    )

    ensure_portal_structure()

    after = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Page.objects.count(),
        WorkflowPage.objects.count(),
    )
    assert after == before


def test_it_restores_a_permission_removed_or_added_by_hand():
    owners = Group.objects.get(name=roles.POLICY_OWNERS)
    GroupPagePermission.objects.filter(group=owners).delete()
    GroupPagePermission.objects.create(
        group=owners,
        page=HomePage.objects.get(),
        permission=GroupPagePermission.objects.filter(group__name=roles.LEADERSHIP)
        .get(permission__codename="publish_page")
        .permission,
    )

    ensure_portal_structure()

    assert page_permissions(roles.POLICY_OWNERS) == {"add_page"}


def test_a_flushed_database_gets_the_whole_structure_back():
    call_command("flush", interactive=False, verbosity=0)

    home = HomePage.objects.get()
    assert home.get_parent().depth == 1
    assert Site.objects.get(is_default_site=True).root_page.specific == home
    assert WorkflowPage.objects.get(page=home).workflow.name == "Policy approval"
    assert Group.objects.count() == 4
