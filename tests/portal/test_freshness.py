"""Nothing cached is ever stale: after each event that changes what a page shows, the next
request shows the change, though the page was cached just before (invariant 13)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from exceptions.case_import.service import import_case_log
from policies.permissions import VIEW_INSIGHTS
from policies.services import acknowledge_policy, record_review
from portal import freshness, roles
from tests.clock import clock_at
from tests.exceptions.factories import decide, record_case, withdraw
from tests.policies.factories import (
    PolicyIndexPageFactory,
    default_paths,
    publish_version,
    submit_version,
)

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def new_version(found):
    late, receipt = default_paths()
    publish_version(
        found["policy"], approver=found["leader"], paths=[{**late, "limit_amount": 30}, receipt]
    )
    return "Up to 30 days"


def unpublished(found):
    found["policy"].refresh_from_db()
    found["policy"].unpublish()
    return GONE, found["policy"].title


def moved(found):
    elsewhere = PolicyIndexPageFactory(title="Gift cards and vouchers")
    found["policy"].refresh_from_db()
    found["policy"].move(elsewhere, pos="last-child")
    return GONE, found["policy"].title


def area_renamed(found):
    area = found["area"]
    area.title = "Returns, refunds and repairs"
    area.save_revision().publish()
    return "Returns, refunds and repairs"


def reviewed(found):
    with clock_at(timezone.now() + datetime.timedelta(days=40)):
        next_due = record_review(policy=found["policy"], user=found["owner"])
    return f"{next_due.day} {next_due:%B %Y}"


def owner_renamed(found):
    owner = found["owner"]
    owner.first_name, owner.last_name = "Ingrid", "Bergqvist"
    owner.save()
    return "Ingrid Bergqvist"


def staff_escalation_decided(found):
    case = record_case(
        found["policy"], found["staff"], path_name="Refund without receipt", amount="90",
        escalate=True,
    )  # fmt: skip
    decide(case, found["supervisor"])


def escalation_decided(found):
    staff_escalation_decided(found)
    return "only 1 escalation was decided in the last 90 days"


def similar_case_recorded(found):
    similar = record_case(
        found["policy"],
        found["staff"],
        path_name="Late return",
        amount="6",
        situation="Customer returned a damaged kettle six days late.",
    )
    return f"#{similar.pk} Customer returned a damaged kettle"


def log_imported(found):
    decided = timezone.localtime() - datetime.timedelta(days=2)
    headers = ("Date", "Policy", "Situation", "Decision", "Path", "Amount", "Escalated on")
    row = (decided, found["policy"].title, "Sofa, no receipt.", "Granted within a path",
           "Refund without receipt", "90", decided - datetime.timedelta(hours=3))  # fmt: skip
    import_case_log(
        rows=[(*headers, "Rationale"), (*row, "Found in the account.")],
        file_name="old-log.xlsx",
        importer=found["owner"],
    )
    return "only 1 escalation was decided in the last 90 days"


def signed(found):
    found["policy"].refresh_from_db()
    acknowledge_policy(
        policy=found["policy"],
        user=found["staff"],
        revision_id=found["policy"].signable_version.revision_id,
    )
    return "You acknowledged"


def role_given(found):
    found["staff"].groups.add(Group.objects.get(name=roles.SUPERVISORS))
    return "Escalations"


def role_taken_away(found):
    found["supervisor"].groups.remove(Group.objects.get(name=roles.SUPERVISORS))
    return GONE, "Escalations"


def role_deleted(found):
    Group.objects.get(name=roles.SUPERVISORS).delete()
    return GONE, "Escalations"


def permission_given(found):
    app_label, codename = VIEW_INSIGHTS.split(".")
    found["staff"].user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    return "Insights"


def teapot_recorded(found):
    return record_case(
        found["policy"],
        found["supervisor"],
        path_name="Late return",
        amount="2",
        situation="Customer brought back a cracked teapot two days late.",
    )


def case_recorded(found):
    return f"#{teapot_recorded(found).pk} Customer brought back a cracked teapot"


def case_recorded_found_by_search(found):
    return f"Case #{teapot_recorded(found).pk} under {found['policy'].title}"


def case_on_policy_page(found):
    teapot_recorded(found)
    return "Customer brought back a cracked teapot"


def case_withdrawn(found):
    withdraw(found["case"], found["staff"])
    return "Granted within a path Withdrawn"


def policy_renamed(found):
    publish_version(found["policy"], approver=found["leader"], title="Returns within 45 days")
    return "Returns within 45 days"


def recorder_renamed(found):
    staff = found["staff"]
    staff.first_name, staff.last_name = "Noor", "Haddad"
    staff.save()
    return "Noor Haddad"


def own_escalation_decided(found):
    staff_escalation_decided(found)
    return "Decided since you last looked"


def change_submitted(found):
    submit_version(found["policy"], summary="Longer returns.")
    return "1 policy change waiting for approval"


def escalation_recorded(found):
    escalated = record_case(
        found["policy"],
        found["staff"],
        path_name="Refund without receipt",
        amount="95",
        situation="Customer lost the receipt for a broken blender.",
        escalate=True,
    )
    return f"#{escalated.pk} Customer lost the receipt for a broken blender"


def case_tagged(found):
    found["case"].tags.add("fragile-goods")
    return "fragile-goods"


def answered_late_or_not(found):
    staff_escalation_decided(found)
    return GONE, "No escalation under an exception path was decided"


def policy_restricted(found):
    restriction = PageViewRestriction.objects.create(
        page=found["policy"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=roles.LEADERSHIP))
    return GONE, "Why it exists"


def draft_opened(found):
    found["policy"].refresh_from_db()
    found["policy"].save_revision(user=found["owner"])
    return "A draft of this policy is already open"


# Each event, who looks, and where. Each event returns the words the page shows next that
# it did not show before, or (GONE, words) for words it no longer shows.
GONE = "gone"
EVENTS = {
    "a new version goes live": (new_version, "staff", "policy"),
    "a policy is unpublished": (unpublished, "staff", "area"),
    "a policy moves to another area": (moved, "staff", "area"),
    "an area is renamed": (area_renamed, "staff", "home"),
    "a review is recorded": (reviewed, "owner", "policy"),
    "an owner's name changes": (owner_renamed, "staff", "area"),
    "an escalation is decided": (escalation_decided, "staff", "policy"),
    "a version is signed": (signed, "staff", "policy"),
    "a similar case is recorded": (similar_case_recorded, "staff", "case"),
    "a role is given": (role_given, "staff", "home"),
    "a role is taken away": (role_taken_away, "supervisor", "home"),
    "a role is deleted": (role_deleted, "supervisor", "home"),
    "a permission is given in a person's own right": (permission_given, "staff", "home"),
    "an exception log is imported": (log_imported, "staff", "policy"),
    "a case is recorded": (case_recorded, "staff", "cases"),
    "a case is recorded, found by search": (case_recorded_found_by_search, "staff", "search"),
    "a case is recorded under the policy": (case_on_policy_page, "staff", "policy"),
    "a case is withdrawn": (case_withdrawn, "staff", "cases"),
    "a policy is renamed": (policy_renamed, "staff", "cases"),
    "a recorder's name changes": (recorder_renamed, "supervisor", "cases"),
    "the reader's escalation is decided": (own_escalation_decided, "staff", "home"),
    "a change is submitted for approval": (change_submitted, "leader", "home"),
    "a policy is restricted to a group": (policy_restricted, "staff", "policy"),
    "an escalation is recorded": (escalation_recorded, "supervisor", "escalations"),
    "a case is tagged": (case_tagged, "staff", "case"),
    "an escalation is decided, seen in insights": (answered_late_or_not, "leader", "insights"),
    "a policy is renamed, seen in insights": (policy_renamed, "leader", "insights"),
    "an owner's name changes, seen in insights": (owner_renamed, "leader", "insights"),
    "a recorder's name changes, seen on the case": (recorder_renamed, "supervisor", "case"),
    "a policy is renamed, seen on the case": (policy_renamed, "staff", "case"),
    "a draft is opened, seen in the policy's evidence": (draft_opened, "owner", "evidence"),
}


@pytest.fixture
def found(area, policy, owner, leader, staff, supervisor):
    case = record_case(
        policy,
        staff,
        path_name="Late return",
        amount="4",
        situation="Customer returned a damaged toaster four days late.",
    )
    return {
        "case": case,
        "area": area,
        "policy": policy,
        "owner": owner,
        "leader": leader,
        "staff": staff,
        "supervisor": supervisor,
    }


@pytest.mark.parametrize("event", EVENTS)
def test_the_next_request_after_an_event_shows_it(client, found, event, request):
    change, reader, where = EVENTS[event]
    client.force_login(request.getfixturevalue(reader))
    urls = {
        "policy": found["policy"].url,
        "area": found["area"].url,
        "home": "/",
        "case": found["case"].get_absolute_url(),
        "cases": reverse("exceptions:list"),
        "search": reverse("search") + "?q=teapot",
        "escalations": reverse("exceptions:escalations"),
        "insights": reverse("insights"),
        "evidence": reverse("policy_evidence", args=[found["policy"].pk]),
    }
    before = text_of(client.get(urls[where]))
    assert cache.get(f"freshness:{freshness.POLICIES}") is not None, "nothing was cached"

    shown = change(found)

    after = text_of(client.get(urls[where]))
    if isinstance(shown, tuple):
        assert shown[1] in before
        assert shown[1] not in after
    else:
        assert shown not in before
        assert shown in after


def test_a_version_lost_from_the_cache_is_made_anew_and_kept():
    first = freshness.versions_of(freshness.CASES)
    cache.delete(f"freshness:{freshness.CASES}")

    again = freshness.versions_of(freshness.CASES)

    assert again != first
    assert freshness.versions_of(freshness.CASES) == again


def test_a_bump_renews_only_its_scopes():
    before = freshness.versions_of(*freshness.SCOPES)

    freshness.bump(freshness.CASES)

    after = freshness.versions_of(*freshness.SCOPES)
    assert after[freshness.CASES] != before[freshness.CASES]
    assert {scope: after[scope] for scope in after if scope != freshness.CASES} == {
        scope: before[scope] for scope in before if scope != freshness.CASES
    }
