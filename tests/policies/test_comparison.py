"""Comparing two published versions of a policy, section by section."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from policies.choices import ChangeKind, Tier
from policies.comparison import readable_diff
from policies.models import PolicyPage, PolicyPageTag, RelatedPolicy
from policies.services import approve_policy_revision, submit_policy_revision
from tests.policies.editor import submit_and_approve
from tests.policies.factories import PolicyPageFactory, default_paths, publish_version

pytestmark = pytest.mark.django_db

ADDED = '<ins class="diff"><span class="visually-hidden">added: </span>'
REMOVED = '<del class="diff"><span class="visually-hidden">removed: </span>'


def path_data(name, authority, limit, unit, decision_hours=0):
    return {
        "name": name,
        "authority": authority,
        "limit_amount": limit,
        "limit_unit": unit,
        "conditions": "Asked soon after the window closed.",
        "record": "The delay's reason.",
        "decision_hours": decision_hours,
    }


def comparison_url(policy, older, newer):
    return f"{policy.url}history/{older}...{newer}/"


def path_item(html, name):
    """The HTML of the compared exception path called `name`."""
    return html.split(f'<h3 class="path__name">{name} ')[1].split("</li>")[0]


@pytest.fixture
def changed_policy(policy, leader):
    """Version 2 raises the late-return limit, moves receipts up a tier and adds a path."""
    publish_version(
        policy,
        approver=leader,
        summary="Late returns up to 21 days; receipts need leadership.",
        rule="<p>We accept returns of unused items within 45 days.</p>",
        paths=[
            path_data("Late return", Tier.STAFF, 21, "days"),
            path_data("Refund without receipt", Tier.LEADERSHIP, 150, "EUR", 24),
            path_data("Exchange instead of refund", Tier.STAFF, None, ""),
        ],
    )
    return policy


def test_the_diff_shows_a_changed_limit_in_a_path(client, staff, changed_policy):
    client.force_login(staff)

    html = client.get(comparison_url(changed_policy, 1, 2)).content.decode()

    late_return = path_item(html, "Late return")
    assert "Changed" in late_return
    assert f"<dt>Limit</dt><dd>{REMOVED}14 days</del>{ADDED}21 days</ins></dd>" in late_return
    assert "Limit unit" not in late_return  # the unit reads with the limit


def test_the_diff_shows_a_changed_tier_and_an_added_path(client, staff, changed_policy):
    client.force_login(staff)

    html = client.get(comparison_url(changed_policy, 1, 2)).content.decode()

    receipts = path_item(html, "Refund without receipt")
    assert f"{REMOVED}Supervisor</del>{ADDED}Leadership</ins>" in receipts
    exchange = path_item(html, "Exchange instead of refund")
    assert '<span class="change-status change-status--added">Added</span>' in exchange
    assert "<dt>Limit</dt>" not in exchange  # empty fields of a new path are left out


def test_the_diff_shows_a_removed_path(client, staff, leader, policy):
    publish_version(
        policy,
        approver=leader,
        summary="No more refunds without a receipt.",
        paths=[path_data("Late return", Tier.STAFF, 14, "days")],
    )
    client.force_login(staff)

    html = client.get(comparison_url(policy, 1, 2)).content.decode()

    receipts = path_item(html, "Refund without receipt")
    assert '<span class="change-status change-status--removed">Removed</span>' in receipts
    assert "<dt>Limit</dt><dd>150 EUR</dd>" in receipts
    assert "Unchanged" in path_item(html, "Late return")


def test_the_diff_marks_changed_words_of_the_rule_and_quiet_sections(client, staff, changed_policy):
    client.force_login(staff)

    html = client.get(comparison_url(changed_policy, 1, 2)).content.decode()

    rule = html.split('id="section-1"')[1].split("</section>")[0]
    # Only the changed word is marked.
    assert f"within {REMOVED}30</del>{ADDED}45</ins> days." in rule
    why = html.split('id="section-2"')[1].split("</section>")[0]
    assert "No change in this section." in why


def test_the_comparison_lists_the_change_notes_in_between(client, staff, leader, changed_policy):
    publish_version(
        changed_policy, approver=leader, summary="Wording only.", kind=ChangeKind.EDITORIAL
    )
    client.force_login(staff)

    html = client.get(comparison_url(changed_policy, 1, 3)).content.decode()

    assert "Late returns up to 21 days; receipts need leadership." in html
    assert "Wording only." in html
    assert html.index("Version 2</strong>") < html.index("Version 3</strong>")


@pytest.mark.parametrize(("older", "newer"), [(1, 3), (0, 1), (7, 2), (1, 999999999)])
def test_an_unknown_version_is_not_found(client, staff, changed_policy, older, newer):
    client.force_login(staff)

    response = client.get(comparison_url(changed_policy, older, newer))

    assert response.status_code == 404
    assert "at least one of them was never published" in response.content.decode()


def test_the_history_links_each_version_to_what_changed(client, staff, changed_policy):
    client.force_login(staff)

    html = client.get(f"{changed_policy.url}history/").content.decode()

    assert f'href="{comparison_url(changed_policy, 1, 2)}"' in html


@pytest.mark.parametrize("extra_versions", [0, 10])
def test_the_comparison_runs_a_fixed_number_of_queries(
    client, staff, leader, area, owner, changed_policy, django_assert_num_queries, extra_versions
):
    # Version 3 adds three tags and three related policies to version 2's three paths;
    # version 4 is in between too, so three change notes are listed.
    others = PolicyPageFactory.create_batch(3, area=area, owner=owner, approver=leader)
    publish_version(
        changed_policy,
        approver=leader,
        tagged_items=[
            PolicyPageTag(tag=Tag.objects.get_or_create(name=name)[0])
            for name in ("refunds", "receipts", "online")
        ],
        related_policy_links=[RelatedPolicy(policy=other) for other in others],
    )
    publish_version(changed_policy, approver=leader, summary="Wording only.")
    for _ in range(extra_versions):
        publish_version(changed_policy, approver=leader)
    client.force_login(staff)
    client.get(changed_policy.url)  # warm the site-root cache, as on a running server

    # Two of these find the versions; Wagtail checks each one's links (owner, tags,
    # related policies) as it loads it; one reads every linked policy; the rest is
    # what every page costs (session, user, the request's savepoint pair; the site, the
    # route to the policy and its view restrictions are kept in the cache).
    with django_assert_num_queries(11):
        response = client.get(comparison_url(changed_policy, 1, 4))
    assert response.status_code == 200
    assert len(response.context["comparison"].versions_since_older) == 3


def test_the_comparison_costs_the_same_however_many_policies_a_version_links_to(
    client, staff, leader, area, owner, policy
):
    others = PolicyPageFactory.create_batch(3, area=area, owner=owner, approver=leader)
    for linked in (others[:1], others):
        publish_version(
            policy,
            approver=leader,
            related_policy_links=[RelatedPolicy(policy=other) for other in linked],
        )
    client.force_login(staff)
    client.get(policy.url)  # warm the site-root cache, as on a running server

    costs = []
    for newer in (2, 3):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(comparison_url(policy, 1, newer)).status_code == 200
        costs.append(len(queries))

    assert costs[0] == costs[1]


def test_readable_diff_tags_changes_and_keeps_the_text_escaped():
    html = '<span class="deletion">a &lt;b&gt;</span> kept <span class="addition">c</span>'

    assert readable_diff(html) == (f"{REMOVED}a &lt;b&gt;</del> kept {ADDED}c</ins>")


def section(html, number):
    return html.split(f'id="section-{number}"')[1].split("</section>")[0]


def test_saving_in_the_editor_without_editing_shows_no_change(client, owner, leader, policy):
    # The editor re-saves rich text in its own form (block keys) and tags in its own
    # order, and the browser sends line breaks as CR LF: no reader could see any of it.
    tagged = PolicyPage.objects.get(pk=policy.pk)
    tagged.scope = "All online orders.\nGift cards too."
    tagged.tags.add("returns", "refund", "receipt")
    submit_policy_revision(
        policy=tagged, author=owner, summary="Tagged.", kind=ChangeKind.EDITORIAL
    )
    approve_policy_revision(policy=tagged, approver=leader)
    submit_and_approve(client, policy, owner=owner, leader=leader)

    html = client.get(comparison_url(policy, 2, 3)).content.decode()

    stored = PolicyPage.objects.get(pk=policy.pk).live_revision.content
    assert "data-block-key" in stored["rule"]
    assert "\r\n" in stored["scope"]
    assert html.count("No change in this section.") == 6
    assert "change-status--changed" not in html
    assert "<ins" not in html.split("What the change notes say")[1]


def test_a_tag_added_is_marked_and_the_others_left_alone(client, staff, owner, leader, policy):
    tagged = PolicyPage.objects.get(pk=policy.pk)
    tagged.tags.add("returns", "refund")
    submit_policy_revision(policy=tagged, author=owner, summary="Tags.", kind=ChangeKind.EDITORIAL)
    approve_policy_revision(policy=tagged, approver=leader)
    submit_and_approve(client, policy, owner=owner, leader=leader, tags="receipt, refund, returns")
    client.force_login(staff)

    about = section(client.get(comparison_url(policy, 2, 3)).content.decode(), 6)

    assert f"<dt>Tags</dt><dd>{ADDED}receipt</ins>, refund, returns</dd>" in about


def test_one_limit_changed_in_the_editor_is_the_only_change(client, owner, leader, policy):
    submit_and_approve(
        client, policy, owner=owner, leader=leader, **{"exception_paths-1-limit_amount": "200"}
    )

    html = client.get(comparison_url(policy, 1, 2)).content.decode()

    paths = section(html, 3)
    receipts = path_item(paths, "Refund without receipt")
    assert '<span class="change-status change-status--changed">Changed</span>' in receipts
    assert f"<dt>Limit</dt><dd>{REMOVED}150 EUR</del>{ADDED}200 EUR</ins></dd>" in receipts
    assert receipts.count("<dt>") == 1
    assert "Unchanged" in path_item(paths, "Late return")
    assert paths.index("Late return") < paths.index("Refund without receipt")
    assert "Moved" not in paths
    for number in (1, 2, 4, 5, 6):
        assert "No change in this section." in section(html, number)
    assert html.count("<ins") == 2  # the legend's example, and 200 EUR


def test_a_path_that_moved_is_shown_as_moved_with_its_old_and_new_place(
    client, staff, leader, policy
):
    late, receipt = default_paths()
    publish_version(policy, approver=leader, summary="Receipts first.", paths=[receipt, late])
    client.force_login(staff)

    paths = section(client.get(comparison_url(policy, 1, 2)).content.decode(), 3)

    for name, places in [("Refund without receipt", (2, 1)), ("Late return", (1, 2))]:
        item = path_item(paths, name)
        assert '<span class="change-status change-status--moved">Moved</span>' in item
        assert f"Moved from place {places[0]} to place {places[1]} in the list." in item
        assert "<dt>" not in item  # nothing else about it changed
    assert paths.index("Refund without receipt") < paths.index("Late return")


def test_a_moved_path_that_also_changed_says_both(client, staff, leader, policy):
    late, receipt = default_paths()
    publish_version(
        policy,
        approver=leader,
        summary="Receipts first, and more of them.",
        paths=[{**receipt, "limit_amount": 200}, late],
    )
    client.force_login(staff)

    receipts = path_item(
        section(client.get(comparison_url(policy, 1, 2)).content.decode(), 3),
        "Refund without receipt",
    )

    assert "change-status--changed" in receipts
    assert "Moved from place 2 to place 1 in the list." in receipts
    assert f"{REMOVED}150 EUR</del>{ADDED}200 EUR</ins>" in receipts


def test_a_path_added_in_front_does_not_move_the_others(client, staff, leader, policy):
    publish_version(
        policy,
        approver=leader,
        summary="Exchanges first.",
        paths=[path_data("Exchange instead of refund", Tier.STAFF, None, ""), *default_paths()],
    )
    client.force_login(staff)

    paths = section(client.get(comparison_url(policy, 1, 2)).content.decode(), 3)

    assert "Added" in path_item(paths, "Exchange instead of refund")
    assert "Unchanged" in path_item(paths, "Late return")
    assert "Moved" not in paths


def test_a_renamed_path_is_the_same_path_changed(client, staff, leader, policy):
    late, receipt = default_paths()
    first = PolicyPage.objects.get(pk=policy.pk).exception_paths.all()[0]
    publish_version(
        policy,
        approver=leader,
        summary="Clearer path name.",
        paths=[{**late, "name": "Late return, a few days over", "id": first.pk}, receipt],
    )
    client.force_login(staff)

    paths = section(client.get(comparison_url(policy, 1, 2)).content.decode(), 3)

    item = path_item(paths, "Late return, a few days over")
    assert "change-status--changed" in item
    assert f"Late return{ADDED}, a few days over</ins>" in item
    assert "Added" not in paths
    assert "Removed" not in paths


def test_paths_are_matched_by_identity_not_by_what_they_say(client, staff, leader, policy):
    # Each path keeps its identity but takes the other's words: two changed paths,
    # not two paths that swapped places.
    late, receipt = default_paths()
    first, second = PolicyPage.objects.get(pk=policy.pk).exception_paths.all()
    publish_version(
        policy,
        approver=leader,
        summary="Swapped.",
        paths=[{**receipt, "id": first.pk}, {**late, "id": second.pk}],
    )
    client.force_login(staff)

    paths = section(client.get(comparison_url(policy, 1, 2)).content.decode(), 3)

    assert paths.count("change-status--changed") == 2
    assert "Moved" not in paths


def test_a_related_policy_added_shows_in_about_this_policy(client, staff, leader, area, policy):
    other = PolicyPageFactory(area=area, owner=policy.owner, approver=leader, title="Gift cards")
    publish_version(
        policy,
        approver=leader,
        summary="Points to the gift card rule.",
        related_policy_links=[RelatedPolicy(policy=other, sort_order=0)],
    )
    client.force_login(staff)

    about = section(client.get(comparison_url(policy, 1, 2)).content.decode(), 6)

    assert "Gift cards" in about
    assert "change-status--added" in about


def test_a_phrase_added_to_also_searched_as_shows_in_about_this_policy(
    client, staff, leader, policy
):
    publish_version(
        policy, approver=leader, summary="Staff say send back.", also_searched_as="send back"
    )
    client.force_login(staff)

    html = client.get(comparison_url(policy, 1, 2)).content.decode()

    assert "Also searched as" in section(html, 6)
    assert f"{ADDED}send back</ins>" in section(html, 6)
    assert "send back" in client.get(policy.url).content.decode()
