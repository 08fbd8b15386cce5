"""The evidence pages: who sees what, the drafts they make, and what they cost."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from exceptions.choices import Decision
from exceptions.models import Precedent
from policies.choices import ChangeKind
from policies.models import PolicyPage, RevisionNote
from policies.wording import amount_in_words
from portal import roles
from tests.policies.factories import publish_version, submit_version
from tests.portal.factories import UserFactory
from tests.portal.insights.evidence_cases import late_return, repeat_damage_claims

pytestmark = pytest.mark.django_db

ROLES = ["staff", "supervisor", "owner", "leader", "outsider"]


@pytest.fixture
def suggested(policy, staff, leader):
    """Ten returns 15 to 18 days late granted by leadership: the limit reads 18 days."""
    cases = [late_return(policy, staff, leader, days=str(15 + index % 4)) for index in range(10)]
    Precedent.objects.filter(pk__in=[case.pk for case in cases]).update(decided_at=timezone.now())
    return cases


@pytest.fixture
def proposed(policy, staff, leader):
    return repeat_damage_claims(policy, staff, leader)


@pytest.mark.parametrize("role", ROLES)
def test_owners_and_leadership_read_the_evidence(client, request, policy, role):
    client.force_login(request.getfixturevalue(role))

    pages = [reverse("evidence"), reverse("policy_evidence", args=[policy.pk])]

    expected = 200 if role in ("owner", "leader") else 403
    assert [client.get(url).status_code for url in pages] == [expected, expected]


def test_the_evidence_page_shows_the_suggestion_the_proposal_and_the_rules(
    client, owner, policy, suggested, proposed
):
    client.force_login(owner)

    html = client.get(reverse("evidence")).content.decode()

    assert "Suggested limits" in html
    assert "14 days" in html
    assert "<strong>18 days</strong>" in html
    assert "Repeat damage claim" in html
    assert "at least 90% of the cases" in html
    assert "with at least 10 cases behind it" in html
    # Leadership alone sees where deciders differ.
    assert "Where decisions differ" not in html


def test_empty_evidence_says_what_would_show(client, leader, policy):
    client.force_login(leader)

    html = client.get(reverse("evidence")).content.decode()

    assert "No limit is suggested" in html
    assert "nothing to propose yet" in html
    assert "No upheld case has a follow-up yet" in html
    assert "Deciders grant similar amounts alike" in html


def test_a_policy_shows_its_bands_with_the_cases_and_the_draft_button(
    client, owner, policy, suggested
):
    client.force_login(owner)

    response = client.get(reverse("policy_evidence", args=[policy.pk]))

    html = response.content.decode()
    assert "over 14 up to 16 days" in html
    assert "over 16 up to 18 days" in html
    assert "Suggested limit: 18 days." in html
    assert "Draft this change" in html
    assert f"#{suggested[0].pk} " in html


def test_a_suggestion_shows_its_ten_newest_cases_with_a_new_one_at_once(
    client, owner, leader, policy, staff, suggested
):
    client.force_login(owner)
    url = reverse("policy_evidence", args=[policy.pk])
    client.get(url)

    newer = [late_return(policy, staff, leader, days="17") for _index in range(2)]

    html = client.get(url).content.decode()
    shown = [case for case in [*suggested, *newer] if f"#{case.pk} " in html]
    assert shown == [*suggested[2:], *newer]


def test_a_policy_renamed_shows_at_once_in_the_evidence(client, owner, leader, policy, suggested):
    client.force_login(owner)
    client.get(reverse("evidence"))

    publish_version(policy, approver=leader, title="Returns within 45 days")

    assert "Returns within 45 days" in client.get(reverse("evidence")).content.decode()


def test_leadership_without_the_edit_right_reads_but_a_stranger_owner_cannot_draft(
    client, area, policy, suggested
):
    other_owner = UserFactory(username="other-owner", role=roles.POLICY_OWNERS)
    client.force_login(other_owner)

    html = client.get(reverse("policy_evidence", args=[policy.pk])).content.decode()

    assert "Suggested limit: 18 days." in html
    assert "Draft this change" not in html
    response = client.post(
        reverse("draft_limit", args=[policy.pk]),
        {"path": suggested[0].exception_path_id, "limit": "18"},
    )
    assert response.status_code == 403


def test_a_kept_evidence_page_sends_each_reader_their_own_draft_form(
    owner, leader, policy, suggested
):
    """The findings are kept for every reader who may draft; the form each draft button
    sends is not, as it carries the reader's CSRF token: the leader's works though the
    owner's request built the page."""
    url = reverse("policy_evidence", args=[policy.pk])
    first = Client(enforce_csrf_checks=True)
    first.force_login(owner)
    first.get(url)
    second = Client(enforce_csrf_checks=True)
    second.force_login(leader)

    page = BeautifulSoup(second.get(url).content, "html.parser")
    button = page.find("button", string="Draft this change")
    form = page.find("form", id=button["form"])
    sent = second.post(
        form["action"], {field["name"]: field["value"] for field in form.find_all("input")}
    )

    assert sent.status_code == 302
    assert sent["Location"] == reverse("approvals:review", args=[policy.pk])


def test_drafting_the_suggestion_saves_a_draft_citing_its_cases_and_opens_its_replay(
    client, owner, policy, suggested
):
    client.force_login(owner)
    path = policy.exception_paths.get(name="Late return")

    response = client.post(
        reverse("draft_limit", args=[policy.pk]), {"path": path.pk, "limit": "18"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("approvals:review", args=[policy.pk])
    policy = PolicyPage.objects.get(pk=policy.pk)
    draft = policy.get_latest_revision_as_object()
    limits = {path.name: path.limit_amount for path in draft.exception_paths.all()}
    assert limits["Late return"] == Decimal(18)
    assert policy.live_revision_id != policy.latest_revision_id
    note = RevisionNote.objects.get(revision=policy.latest_revision)
    assert note.kind == ChangeKind.SUBSTANTIVE
    assert "from 14 days to 18 days" in note.summary
    assert set(note.driven_by.values_list("pk", flat=True)) == {case.pk for case in suggested}
    review = client.get(response["Location"]).content.decode()
    assert "Escalations the recorder could have decided" in review
    assert "Draft saved with its change note" in review


def test_a_suggestion_changed_since_the_page_was_opened_is_not_drafted(
    client, owner, policy, suggested
):
    client.force_login(owner)
    path = policy.exception_paths.get(name="Late return")

    response = client.post(
        reverse("draft_limit", args=[policy.pk]), {"path": path.pk, "limit": "20"}, follow=True
    )

    assert "The evidence changed since the page was opened" in response.content.decode()
    policy = PolicyPage.objects.get(pk=policy.pk)
    assert policy.live_revision_id == policy.latest_revision_id


def test_nothing_is_drafted_while_a_change_waits_for_approval(client, owner, policy, suggested):
    submit_version(policy, summary="Another change.")
    client.force_login(owner)
    path = policy.exception_paths.get(name="Late return")
    latest = PolicyPage.objects.get(pk=policy.pk).latest_revision_id

    response = client.post(
        reverse("draft_limit", args=[policy.pk]), {"path": path.pk, "limit": "18"}, follow=True
    )

    html = response.content.decode()
    assert "A change to this policy is waiting for approval" in html
    assert "Draft this change" not in html
    assert PolicyPage.objects.get(pk=policy.pk).latest_revision_id == latest


def test_a_second_press_while_the_first_draft_is_open_is_refused_and_saves_nothing(
    client, owner, policy, suggested
):
    client.force_login(owner)
    path = policy.exception_paths.get(name="Late return")
    url = reverse("draft_limit", args=[policy.pk])
    client.post(url, {"path": path.pk, "limit": "18"})
    drafted = PolicyPage.objects.get(pk=policy.pk).latest_revision_id
    notes = RevisionNote.objects.count()

    response = client.post(url, {"path": path.pk, "limit": "18"}, follow=True)

    assert response.redirect_chain == [(reverse("policy_evidence", args=[policy.pk]), 302)]
    assert "A draft of this policy is already open" in response.content.decode()
    assert PolicyPage.objects.get(pk=policy.pk).latest_revision_id == drafted
    assert RevisionNote.objects.count() == notes


def test_an_open_draft_is_offered_in_the_editor_instead_of_the_draft_buttons(
    client, owner, policy, suggested, proposed
):
    client.force_login(owner)
    path = policy.exception_paths.get(name="Late return")
    client.post(reverse("draft_limit", args=[policy.pk]), {"path": path.pk, "limit": "18"})

    html = client.get(reverse("policy_evidence", args=[policy.pk])).content.decode()

    assert "A draft of this policy is already open" in html
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[policy.pk])}"' in html
    assert "Suggested limit: 18 days." in html
    assert "Draft this change" not in html
    assert "Draft this path" not in html


def test_the_change_note_compares_with_the_limit_in_force(client, owner, policy, suggested):
    live = policy.exception_paths.get(name="Late return")
    client.force_login(owner)

    client.post(reverse("draft_limit", args=[policy.pk]), {"path": live.pk, "limit": "18"})

    note = RevisionNote.objects.get(revision=PolicyPage.objects.get(pk=policy.pk).latest_revision)
    in_force = amount_in_words(live.limit_amount, live.limit_unit)
    assert f"from {in_force} to 18 days" in note.summary
    assert in_force == "14 days"


def test_drafting_a_proposed_path_adds_it_citing_its_cases(client, owner, policy, proposed):
    client.force_login(owner)

    response = client.post(reverse("draft_path", args=[policy.pk]), {"tag": "repeat"})

    assert response.status_code == 302
    policy = PolicyPage.objects.get(pk=policy.pk)
    draft = policy.get_latest_revision_as_object()
    added = [path for path in draft.exception_paths.all() if path.name == "Repeat damage claim"]
    assert len(added) == 1
    assert added[0].authority == 3
    note = RevisionNote.objects.get(revision=policy.latest_revision)
    assert set(note.driven_by.values_list("pk", flat=True)) == {case.pk for case in proposed}


def test_leadership_sees_deciders_who_differ_with_their_cases(client, leader, policy, staff):
    other = UserFactory(username="leader2", role=roles.LEADERSHIP, first_name="Rae")
    upheld = [late_return(policy, staff, leader, decision=Decision.UPHOLD) for _n in range(5)]
    for _index in range(5):
        late_return(policy, staff, other)
    client.force_login(leader)

    html = client.get(reverse("policy_evidence", args=[policy.pk])).content.decode()

    assert "Where decisions differ" in html
    assert "0 of 5" in html
    assert "5 of 5" in html
    assert f"#{upheld[0].pk} " in html


@pytest.mark.parametrize("extra", [0, 20])
def test_the_evidence_pages_run_a_fixed_number_of_queries(
    client, owner, leader, policy, staff, suggested, proposed, extra, django_assert_num_queries
):
    for _index in range(extra):
        late_return(policy, staff, leader, days="16")
    client.force_login(owner)
    client.get(reverse("evidence"))  # warm the cache, as on a running server
    client.get(reverse("policy_evidence", args=[policy.pk]))

    # Session, user and the request's transaction: the owner's permissions, Wagtail's user
    # bar and what the page shows are kept in the cache.
    with django_assert_num_queries(4):
        client.get(reverse("evidence"))
    # The same: the policy, the owner's right to draft, whether a draft is open, the user
    # bar, the findings and the cases behind them are kept too.
    with django_assert_num_queries(4):
        client.get(reverse("policy_evidence", args=[policy.pk]))


def test_the_pressure_page_counts_the_evidence_and_links_to_it(client, owner, policy, suggested):
    client.force_login(owner)

    html = client.get(reverse("insights")).content.decode()

    assert "1 suggested limit" in html
    assert "0 proposed paths" in html
    assert f'href="{reverse("evidence")}"' in html


def test_the_owner_s_view_of_a_policy_links_to_its_evidence(client, owner, staff, policy):
    evidence_link = f'href="{reverse("policy_evidence", args=[policy.pk])}"'
    client.force_login(staff)
    assert evidence_link not in client.get(policy.url).content.decode()

    client.force_login(owner)

    assert evidence_link in client.get(policy.url).content.decode()
