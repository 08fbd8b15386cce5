"""What the record form embeds for its script to say, before sending, who may decide."""

import json
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from exceptions.authority_hint import authority_rules
from exceptions.choices import Request
from exceptions.forms import RecordCaseForm
from policies.choices import Flexibility
from tests.exceptions.factories import escalation_decided_after
from tests.policies.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


def rules_for(policy, user, now):
    return authority_rules(form=RecordCaseForm(policy=policy), user=user, now=now)


def test_each_decision_carries_its_tier_limit_and_what_to_tell_the_customer(
    staff, supervisor, policy
):
    for waited in (2, 4, 6, 10, 20):
        escalation_decided_after(policy, staff, supervisor, hours=waited)
    paths = dict(policy.exception_paths.values_list("name", "pk"))
    # 9:20 in the morning: the answer is expected by a time on the hour.
    now = timezone.localtime().replace(hour=9, minute=20)

    rules = rules_for(policy, staff, now)
    late_return = rules["decisions"][f"path-{paths['Late return']}"]
    refund = rules["decisions"][f"path-{paths['Refund without receipt']}"]

    assert rules["tier"] == 1
    assert (late_return["tier"], late_return["limit"], late_return["unit"]) == (1, "14.00", "days")
    assert (refund["tier"], refund["limit"], refund["unit"]) == (2, "150.00", "EUR")
    # No late return was escalated yet: the promise is all there is to go by.
    assert late_return["needs"]["2"] == (
        "Needs a supervisor (promised within 1 day: tell the customer by tomorrow 10:00)."
    )
    # 9 in 10 refunds without receipt were answered within 16 hours.
    assert refund["needs"]["2"] == (
        "Needs a supervisor (promised within 1 day; 9 in 10 answered within 16 hours: "
        "tell the customer by tomorrow 02:00)."
    )
    assert rules["decisions"][Request.GRANT_OUTSIDE_PATH]["needs"]["3"] == (
        "Needs leadership (promised within 3 days: tell the customer by "
        f"{(now + timezone.timedelta(days=3)):%A %-d %B} 10:00)."
    )


def test_a_firm_rule_embeds_nothing_to_decide_by(client, staff, area, owner, leader):
    firm = PolicyPageFactory(
        area=area, owner=owner, approver=leader, flexibility=Flexibility.FIRM, paths=[]
    )
    client.force_login(staff)

    response = client.get(reverse("exceptions:record"), {"policy": firm.pk})

    assert response.context["authority_rules"] is None
    assert 'id="authority-rules"' not in response.content.decode()


def test_the_record_form_embeds_the_rules_for_its_script(client, supervisor, policy):
    client.force_login(supervisor)

    html = client.get(reverse("exceptions:record"), {"policy": policy.pk}).content.decode()
    embedded = html[html.index('id="authority-rules"') :]
    rules = json.loads(embedded[embedded.index(">") + 1 : embedded.index("</script>")])

    assert rules["tier"] == 2
    assert rules["within"] == "Within your authority."
    assert "authority-hint.js" in html


def test_without_the_script_the_escalation_offer_says_what_to_tell_the_customer(
    client, staff, supervisor, policy
):
    for waited in (2, 4, 6, 10, 20):
        escalation_decided_after(policy, staff, supervisor, hours=waited)
    path = policy.exception_paths.get(name="Refund without receipt")
    client.force_login(staff)

    response = client.post(
        reverse("exceptions:record"),
        {
            "policy": policy.pk,
            "situation": "Customer lost the receipt of a 90 EUR kettle.",
            "decision": f"path-{path.pk}",
            "amount": "90",
            "rationale": "The purchase is in the account.",
            "channel": "store",
            "submission_token": str(uuid.uuid4()),
        },
    )
    html = response.content.decode()

    assert "Escalate to supervisor" in html
    assert re.search(
        r"<p>9 in 10 were answered within 16 hours: tell the customer by "
        r"(today|tomorrow) \d\d:00\.</p>",
        html,
    )
    assert 'id="authority-rules"' not in html
