"""Whatever is typed into the record-a-case form, it saves one valid case or explains why not."""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from exceptions.choices import Outcome, Request
from exceptions.forms import RecordCaseForm
from exceptions.models import Precedent
from exceptions.permissions import user_tier
from exceptions.rulebook import PolicyTerms, tier_needed
from policies.choices import Flexibility
from tests.hostile import KEPT_TEXT, NUL_BYTE, send, stored_rows
from tests.policies.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db

# Hypothesis runs many examples inside one test, so one database and one login serve them all.
PROPERTY_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


near_the_length_limit = st.builds(
    lambda length, char: char * length,
    st.integers(min_value=4990, max_value=5010),
    st.sampled_from(["a", "é", "🔥", "\u200b", " "]),
)
typed_text = st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1, max_size=200)
any_text = st.one_of(
    st.sampled_from([*KEPT_TEXT.values(), NUL_BYTE]), near_the_length_limit, st.text()
)
# Each field: what a person would type, and anything at all.
FIELDS = {
    "situation": (typed_text, any_text),
    "rationale": (typed_text, any_text),
    "amount": (
        st.decimals(min_value=0, max_value=30, places=2).map(str),
        st.one_of(
            st.just(""),
            st.decimals(allow_nan=True, allow_infinity=True).map(str),
            st.integers(min_value=-(10**14), max_value=10**14).map(str),
            st.floats().map(str),
            st.text(max_size=20),
        ),
    ),
    "channel": (
        st.sampled_from(["phone", "email", "chat", "store", "social", "other"]),
        st.sampled_from(["", "fax", NUL_BYTE]),
    ),
    "tags": (
        st.lists(st.sampled_from(["damaged", "repeat", "vip", "Damaged", "🔥"])).map(", ".join),
        st.one_of(st.text(max_size=80), any_text),
    ),
}
JUNK_DECISIONS = ["", "path-", "path-0", "path-x", "escalated", "granted", NUL_BYTE]


@pytest.fixture(params=[Flexibility.FLEXIBLE, Flexibility.FIRM])
def any_policy(request, policy, area, owner, leader):
    if request.param == Flexibility.FLEXIBLE:
        return policy
    return PolicyPageFactory(
        area=area, owner=owner, approver=leader, flexibility=Flexibility.FIRM, paths=[]
    )


@PROPERTY_SETTINGS
@given(data=st.data())
def test_record_form_saves_one_valid_case_within_authority_or_saves_nothing(
    client, staff, any_policy, data
):
    client.force_login(staff)
    shown = RecordCaseForm(policy=any_policy)
    offered = shown.fields["decision"].choices
    wild = data.draw(st.sets(st.sampled_from([*FIELDS, "decision"])), label="typed wildly")
    # Each example is another customer's case, so a situation typed again is recorded again.
    typed = {
        "policy": any_policy.pk,
        "submission_token": str(shown.initial["submission_token"]),
        "record_again": "record",
    }
    for name, (plausible, anything) in FIELDS.items():
        typed[name] = data.draw(anything if name in wild else plausible, label=name)
    decisions = JUNK_DECISIONS if "decision" in wild else [value for value, _ in offered]
    typed["decision"] = data.draw(st.sampled_from(decisions), label="decision")
    if data.draw(st.booleans(), label="escalate"):
        typed["escalate"] = "1"
    before = stored_rows()

    response = send(client, "post", reverse("exceptions:record"), typed)

    if response.status_code == 302:
        case = Precedent.objects.latest("pk")
        assert stored_rows()["cases"] == before["cases"] + 1
        case.full_clean()
        assert (case.situation, case.rationale) == (
            typed["situation"].strip(),
            typed["rationale"].strip(),
        )
        if typed["amount"].strip():
            assert case.amount == Decimal(typed["amount"].strip())
        event(f"saved: {case.outcome}")
        needed = tier_needed(
            terms=PolicyTerms.of_page(any_policy),
            path=case.path_terms,
            request=Request(case.requested_outcome),
            amount=case.amount,
        )
        assert not (any_policy.is_firm and case.requested_outcome != Request.UPHOLD)
        if case.outcome == Outcome.ESCALATED:
            assert "escalate" in typed
            assert case.escalated_to_tier >= needed
        else:
            assert case.decided_by_tier == user_tier(staff) >= needed
    else:
        event("escalation offered" if response.context["escalation"] else "refused")
        assert response.status_code == 200
        assert stored_rows() == before
        assert response.context["form"].errors
        assert 'role="alert"' in response.body_text
