"""Each way a case's promises were once broken, replayed through the pages as a user would.

Every refusal leaves a message next to the action and the case as it was.
"""

import datetime
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from exceptions.choices import Outcome
from exceptions.models import Precedent
from policies.choices import Flexibility
from portal import roles
from tests.exceptions.factories import record_case
from tests.policies.factories import PolicyPageFactory, publish_version
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def decide(client, case, decision="grant", rationale="Checked.", seen=None):
    return client.post(
        reverse("exceptions:decide", args=[case.pk]),
        {
            "decision": decision,
            "rationale": rationale,
            "seen_change_count": case.change_count if seen is None else seen,
        },
    )


def stored(case):
    """The case's stored fields and history length, to compare before and after."""
    fresh = Precedent.objects.get(pk=case.pk)
    return (
        {field.attname: getattr(fresh, field.attname) for field in Precedent._meta.concrete_fields},
        fresh.history.count(),
    )


def test_a_firm_rule_offers_no_escalation_and_refuses_one_sent_anyway(
    client, staff, area, owner, leader
):
    firm = PolicyPageFactory(
        area=area, owner=owner, approver=leader, flexibility=Flexibility.FIRM, paths=[]
    )
    client.force_login(staff)

    page = client.get(reverse("exceptions:record"), {"policy": firm.pk}).content.decode()
    response = client.post(
        reverse("exceptions:record"),
        {
            "policy": firm.pk,
            "situation": "Customer wants alcohol delivered without an ID check.",
            "decision": "upheld",
            "rationale": "The law requires the check.",
            "channel": "phone",
            "submission_token": str(uuid.uuid4()),
            "escalate": "1",
        },
    )

    assert "Escalate instead" not in page
    html = response.content.decode()
    assert 'id="id_decision_error"' in html
    assert "This rule is firm: there is nothing to escalate." in html
    assert "Customer wants alcohol delivered without an ID check." in html
    assert not Precedent.objects.exists()


def test_a_case_waiting_when_its_rule_became_firm_can_only_be_upheld(
    client, escalated, supervisor, leader
):
    publish_version(escalated.policy, approver=leader, flexibility=Flexibility.FIRM, paths=[])
    before = stored(escalated)
    client.force_login(supervisor)

    page = client.get(escalated.get_absolute_url())
    response = decide(client, escalated, "grant")

    assert [value for value, _label in page.context["decide_form"].fields["decision"].choices] == [
        "uphold"
    ]
    assert "Only upholding the rule is open to you. This rule is firm: it is never bent." in (
        page.content.decode()
    )
    assert response.context["decide_form"].errors["decision"] == [
        "This rule is firm: it is never bent."
    ]
    assert stored(escalated) == before
    decide(client, escalated, "uphold")
    assert Precedent.objects.get().outcome == Outcome.UPHELD


def test_a_leader_does_not_decide_her_own_escalation(client, policy, leader):
    other_leader = UserFactory(username="leader2", role=roles.LEADERSHIP)
    case = record_case(policy, leader, granted=True, escalate=True)
    before = stored(case)
    client.force_login(leader)

    page = client.get(case.get_absolute_url()).content.decode()
    queue = client.get(reverse("exceptions:escalations"))
    response = decide(client, case)

    assert "You raised this escalation, so someone else decides it." in page
    assert "Record my decision" not in page
    assert list(queue.context["page_obj"]) == []
    assert "You raised this escalation, so someone else decides it." in response.content.decode()
    assert stored(case) == before
    client.force_login(other_leader)
    decide(client, case)
    assert Precedent.objects.get().decided_by == other_leader


def test_the_only_leader_is_told_nobody_else_could_decide_her_escalation(client, policy, leader):
    client.force_login(leader)

    response = client.post(
        reverse("exceptions:record"),
        {
            "policy": policy.pk,
            "situation": "Customer asks for a refund nine months late.",
            "decision": "granted_outside",
            "rationale": "Hardship.",
            "channel": "phone",
            "submission_token": str(uuid.uuid4()),
            "escalate": "1",
        },
    )

    assert (
        "Nobody else can decide this: you are the only one in leadership."
        in (response.context["form"].errors["decision"][0])
    )
    assert not Precedent.objects.exists()


def test_a_withdrawn_escalation_is_not_decided_and_not_withdrawn_again(
    client, escalated, staff, leader
):
    client.force_login(staff)
    client.post(
        reverse("exceptions:withdraw", args=[escalated.pk]),
        {"reason": "The customer found the receipt.", "seen_change_count": 1},
    )
    withdrawn = Precedent.objects.get()
    before = stored(withdrawn)
    client.force_login(leader)

    page = client.get(escalated.get_absolute_url()).content.decode()
    decided = decide(client, withdrawn)
    again = client.post(
        reverse("exceptions:withdraw", args=[escalated.pk]),
        {"reason": "Another reason.", "seen_change_count": withdrawn.change_count},
    )

    assert "Record my decision" not in page
    assert "Withdraw this case" not in page
    assert "This case was withdrawn: it waits for no decision." in decided.content.decode()
    assert "This case is already withdrawn." in again.content.decode()
    assert stored(withdrawn) == before
    assert withdrawn.withdrawn_reason == "The customer found the receipt."


def test_pressing_record_twice_records_one_case(client, staff, policy):
    path = policy.exception_paths.get(name="Late return")
    client.force_login(staff)
    form = client.get(reverse("exceptions:record"), {"policy": policy.pk}).context["form"]
    data = {
        "policy": policy.pk,
        "situation": "Jacket returned 5 days late.",
        "decision": f"path-{path.pk}",
        "amount": "5",
        "rationale": "Unused.",
        "channel": "store",
        "submission_token": form.initial["submission_token"],
    }

    first = client.post(reverse("exceptions:record"), data)
    second = client.post(reverse("exceptions:record"), data, follow=True)

    case = Precedent.objects.get()
    assert first["Location"] == case.get_absolute_url()
    assert second.redirect_chain[-1][0] == case.get_absolute_url()
    assert "This form was already sent, and recorded this case" in second.content.decode()


def test_a_record_form_without_its_token_asks_for_a_reload(client, staff, policy):
    client.force_login(staff)

    response = client.post(
        reverse("exceptions:record"),
        {
            "policy": policy.pk,
            "situation": "Jacket returned 5 days late.",
            "decision": "upheld",
            "rationale": "Window closed.",
            "channel": "store",
        },
    )

    assert "This form is out of date. Reload the page and try again." in response.content.decode()
    assert "Jacket returned 5 days late." in response.content.decode()
    assert not Precedent.objects.exists()


def test_the_decider_sees_what_the_recorder_asked_for(client, policy, staff, supervisor):
    case = record_case(policy, staff, granted=False, escalate=True)
    client.force_login(supervisor)

    page = client.get(case.get_absolute_url())

    html = page.content.decode()
    assert f"{staff.get_full_name()} asked: <strong>Uphold the rule</strong>" in html
    assert (
        "Only upholding the rule is open to you. Granting outside any path needs leadership."
        in html
    )


def test_a_decision_on_a_page_opened_before_a_correction_shows_what_changed(
    client, escalated, staff, supervisor
):
    client.force_login(staff)
    client.post(
        reverse("exceptions:edit", args=[escalated.pk]),
        {
            "situation": "The card statement shows a different shop.",
            "rationale": escalated.rationale,
            "channel": escalated.channel,
            "tags": "",
            "change_reason": "Wrong shop.",
            "seen_change_count": 1,
        },
    )
    before = stored(escalated)
    client.force_login(supervisor)

    response = decide(client, escalated, rationale="Statement checked.", seen=1)

    html = response.content.decode()
    assert "This case changed while you looked at it" in html
    assert "What changed while you looked" in html
    assert "The card statement shows a different shop." in html
    assert "Statement checked." in html
    assert stored(escalated) == before
    assert response.context["decide_form"]["seen_change_count"].value() == 2


def test_the_recorder_hears_the_decision_and_sees_it_until_opening_the_case(
    client, escalated, staff, supervisor, django_capture_on_commit_callbacks
):
    client.force_login(supervisor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, escalated, rationale="Purchase found on the statement.")
    client.force_login(staff)

    home = client.get("/").content.decode()
    client.get(escalated.get_absolute_url())
    home_after = client.get("/").content.decode()

    assert [message.to for message in mail.outbox] == [[staff.email]]
    assert mail.outbox[0].subject == f"Case #{escalated.pk} was decided: granted within a path"
    assert "Purchase found on the statement." in mail.outbox[0].body
    assert "Decided since you last looked" in home
    assert f"#{escalated.pk} " in home
    assert "Decided since you last looked" not in home_after


def test_the_recorder_sees_overdue_escalations_and_follow_ups(client, policy, staff):
    waiting = record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )
    decided = record_case(policy, staff, path_name="Late return", amount="2")
    long_ago = waiting.escalated_at - datetime.timedelta(days=30)
    Precedent.objects.filter(pk=waiting.pk).update(escalated_at=long_ago)
    Precedent.objects.filter(pk=decided.pk).update(follow_up_due=long_ago.date())
    client.force_login(staff)

    html = client.get("/").content.decode()

    assert "Overdue</strong>: promised within 1 d" in html
    assert f"Overdue</strong> since {long_ago:%-d %b %Y}" in html


def test_back_and_send_again_asks_before_recording_the_same_case_twice(client, staff, policy):
    path = policy.exception_paths.get(name="Late return")
    client.force_login(staff)
    typed = {
        "policy": policy.pk,
        "situation": "Scarf returned 2 days late.",
        "decision": f"path-{path.pk}",
        "amount": "2",
        "rationale": "Unused.",
        "channel": "store",
    }
    client.post(reverse("exceptions:record"), {**typed, "submission_token": str(uuid.uuid4())})
    # Back fetches the form anew, with a new token; the browser puts back what was typed.
    again = {**typed, "submission_token": str(uuid.uuid4())}

    asked = client.post(reverse("exceptions:record"), again)
    recorded = client.post(reverse("exceptions:record"), {**again, "record_again": "record"})

    first, second = Precedent.objects.order_by("pk")
    html = asked.content.decode()
    assert "You recorded this same situation under this policy at" in html
    assert f'href="{first.get_absolute_url()}">case #{first.pk}</a>' in html
    assert "Scarf returned 2 days late." in html
    assert recorded["Location"] == second.get_absolute_url()


def test_a_form_opened_before_its_rule_became_firm_says_so(client, staff, leader, policy):
    path = policy.exception_paths.get(name="Late return")
    client.force_login(staff)
    publish_version(policy, approver=leader, flexibility=Flexibility.FIRM, paths=[])

    response = client.post(
        reverse("exceptions:record"),
        {
            "policy": policy.pk,
            "situation": "Boots returned 3 days late.",
            "decision": f"path-{path.pk}",
            "amount": "3",
            "rationale": "Unworn.",
            "channel": "store",
            "submission_token": str(uuid.uuid4()),
        },
    )

    assert response.context["form"].errors["decision"] == [
        "This rule is firm: it is never bent. Only “rule upheld” can be recorded."
    ]
    assert not Precedent.objects.exists()
