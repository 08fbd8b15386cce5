"""No lost update: two people acting on one case at the same moment."""

import re
import threading
from html import unescape

import pytest
from django.db import connection, connections
from django.urls import reverse

from exceptions.choices import Decision, Outcome
from exceptions.models import Precedent
from exceptions.services import (
    CaseActionRefused,
    EditConflict,
    decide_escalation,
    update_escalated_precedent,
    withdraw_precedent,
)
from tests.exceptions.factories import record_case

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs real concurrent connections; CI runs it in the PostgreSQL pass",
)
# Committed data, so every thread's connection sees it.
committed_data = pytest.mark.django_db(transaction=True)


def edit(client, case, *, seen, situation, reason="Correction."):
    return client.post(
        reverse("exceptions:edit", args=[case.pk]),
        {
            "situation": situation,
            "rationale": case.rationale,
            "channel": case.channel,
            "tags": "",
            "change_reason": reason,
            "seen_change_count": seen,
        },
    )


def test_a_second_edit_on_the_same_version_is_refused_and_keeps_what_was_typed(
    client, staff, escalated
):
    client.force_login(staff)
    loaded = escalated.change_count
    edit(client, escalated, seen=loaded, situation="First tab's wording.")

    response = edit(client, escalated, seen=loaded, situation="Second tab's wording.")

    html = response.content.decode()
    assert "This case changed while you were editing" in html
    assert "Second tab&#x27;s wording." in html
    assert "First tab&#x27;s wording." in html
    assert Precedent.objects.get().situation == "First tab's wording."


def test_saving_again_after_the_conflict_applies_the_edit(client, staff, escalated):
    client.force_login(staff)
    edit(client, escalated, seen=1, situation="First wording.")
    conflicted = edit(client, escalated, seen=1, situation="Second wording.")

    edit(
        client,
        escalated,
        seen=conflicted.context["form"].data["seen_change_count"],
        situation="Second wording.",
    )

    assert Precedent.objects.get().situation == "Second wording."
    assert Precedent.history.filter(id=escalated.pk).count() == 3


def test_a_stale_copy_cannot_overwrite_a_newer_change(escalated, staff, leader):
    stale = Precedent.objects.get(pk=escalated.pk)
    withdraw_precedent(
        precedent=escalated, user=leader, reason="Recorded twice.", expected_change_count=1
    )

    with pytest.raises(CaseActionRefused):
        withdraw_precedent(
            precedent=stale, user=staff, reason="Other reason.", expected_change_count=1
        )

    assert Precedent.objects.get().withdrawn_reason == "Recorded twice."


def test_two_deciders_in_turn_exactly_one_decision_stands(escalated, supervisor, leader):
    first = Precedent.objects.get(pk=escalated.pk)
    second = Precedent.objects.get(pk=escalated.pk)

    decide_escalation(
        precedent=first,
        decider=supervisor,
        decision=Decision.GRANT,
        rationale="A",
        expected_change_count=1,
    )
    with pytest.raises(CaseActionRefused):
        decide_escalation(
            precedent=second,
            decider=leader,
            decision=Decision.UPHOLD,
            rationale="B",
            expected_change_count=1,
        )

    assert Precedent.objects.get().outcome == Outcome.GRANTED_WITHIN_PATH
    assert Precedent.history.filter(id=escalated.pk, history_change_reason__startswith="Decided")


def run_together(*actions):
    """Run each action in its own thread and database connection, all released at once."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            outcomes[index] = action()
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@on_postgresql
@committed_data
@pytest.mark.parametrize("trial", range(5))
def test_two_deciders_at_the_same_moment_exactly_one_wins(policy, staff, supervisor, leader, trial):
    case = record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )

    outcomes = run_together(
        lambda: decide_escalation(
            precedent=Precedent.objects.get(pk=case.pk),
            decider=supervisor,
            decision=Decision.GRANT,
            rationale="Supervisor says yes.",
            expected_change_count=1,
        ),
        lambda: decide_escalation(
            precedent=Precedent.objects.get(pk=case.pk),
            decider=leader,
            decision=Decision.UPHOLD,
            rationale="Leader says no.",
            expected_change_count=1,
        ),
    )

    assert sorted(type(outcome).__name__ for outcome in outcomes) == [
        "CaseActionRefused",
        "Precedent",
    ]
    decided = Precedent.objects.get(pk=case.pk)
    winner = next(outcome for outcome in outcomes if isinstance(outcome, Precedent))
    assert decided.decided_by == winner.decided_by
    assert decided.history.filter(history_change_reason__startswith="Decided").count() == 1


@on_postgresql
@committed_data
@pytest.mark.parametrize("trial", range(5))
def test_two_editors_at_the_same_moment_lose_nothing(policy, staff, leader, trial):
    case = record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )
    outcomes = run_together(
        lambda: update_escalated_precedent(
            precedent=Precedent.objects.get(pk=case.pk),
            editor=staff,
            changes={"situation": "Tab one."},
            reason="One.",
            expected_change_count=1,
        ),
        lambda: update_escalated_precedent(
            precedent=Precedent.objects.get(pk=case.pk),
            editor=staff,
            changes={"situation": "Tab two."},
            reason="Two.",
            expected_change_count=1,
        ),
    )

    saved = [outcome for outcome in outcomes if isinstance(outcome, Precedent)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, EditConflict)]
    assert (len(saved), len(refused)) == (1, 1)
    assert Precedent.objects.get(pk=case.pk).situation == saved[0].situation


@on_postgresql
@committed_data
@pytest.mark.parametrize("trial", range(10))
def test_an_edit_sent_while_the_case_is_decided_never_undoes_the_decision(
    policy, staff, supervisor, trial
):
    case = record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )
    outcomes = run_together(
        lambda: decide_escalation(
            precedent=Precedent.objects.get(pk=case.pk),
            decider=supervisor,
            decision=Decision.GRANT,
            rationale="Supervisor says yes.",
            expected_change_count=1,
        ),
        # A count one ahead of the case: the count the decision is about to give it.
        lambda: update_escalated_precedent(
            precedent=Precedent.objects.get(pk=case.pk),
            editor=staff,
            changes={"situation": "Edited from an old tab."},
            reason="Stale tab.",
            expected_change_count=2,
        ),
    )

    assert isinstance(outcomes[0], Precedent)
    assert isinstance(outcomes[1], CaseActionRefused | EditConflict)
    decided = Precedent.objects.get(pk=case.pk)
    assert (decided.outcome, decided.decided_by, decided.decision_rationale) == (
        Outcome.GRANTED_WITHIN_PATH,
        supervisor,
        "Supervisor says yes.",
    )
    assert decided.situation == case.situation


def shown_form(client, case) -> dict:
    """The correction form's fields as the page shows them, hidden ones included."""
    html = client.get(reverse("exceptions:edit", args=[case.pk])).content.decode()
    start = html.index('<form method="post"')
    form = html[start : html.index("</form>", start)]
    values = {
        name: unescape(value)
        for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form)
    }
    values.update(
        (name, unescape(text))
        for name, text in re.findall(
            r'<textarea[^>]*name="([^"]+)"[^>]*>\n?(.*?)</textarea>', form, re.S
        )
    )
    values["channel"] = case.channel
    values.pop("csrfmiddlewaretoken", None)
    return values


def test_saving_again_after_a_conflict_keeps_what_the_other_tab_corrected(client, staff, escalated):
    client.force_login(staff)
    first_tab, second_tab = shown_form(client, escalated), shown_form(client, escalated)
    client.post(
        reverse("exceptions:edit", args=[escalated.pk]),
        {**first_tab, "situation": "Corrected in the first tab.", "change_reason": "One."},
    )
    second = {**second_tab, "rationale": "Reasoned in the second tab.", "change_reason": "Two."}

    conflicted = client.post(reverse("exceptions:edit", args=[escalated.pk]), second)
    client.post(
        reverse("exceptions:edit", args=[escalated.pk]),
        {**second, "seen_change_count": conflicted.context["form"].data["seen_change_count"]},
    )

    case = Precedent.objects.get()
    assert "This case changed while you were editing" in conflicted.content.decode()
    assert (case.situation, case.rationale) == (
        "Corrected in the first tab.",
        "Reasoned in the second tab.",
    )


def test_a_correction_sent_after_the_decision_keeps_what_was_typed_and_says_why(
    client, staff, supervisor, escalated
):
    client.force_login(staff)
    form = shown_form(client, escalated)
    decide_escalation(
        precedent=escalated,
        decider=supervisor,
        decision=Decision.GRANT,
        rationale="Checked.",
        expected_change_count=1,
    )

    response = client.post(
        reverse("exceptions:edit", args=[escalated.pk]),
        {**form, "situation": "Too late a correction.", "change_reason": "Late."},
    )

    html = response.content.decode()
    assert "A case can be corrected only while it waits for a decision." in html
    assert "Too late a correction." in html
    assert "Decided: Granted within a path" in html
    assert "Save the correction" not in html
    assert Precedent.objects.get().situation == escalated.situation
