"""Comparing two published versions of a policy, section by section."""

import pytest

from policies.choices import ChangeKind, Tier
from policies.comparison import readable_diff
from tests.policies.factories import publish_version

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
    assert "<dt>Limit</dt>" in late_return
    assert f"{REMOVED}14</del>" in late_return
    assert f"{ADDED}21</ins>" in late_return


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
    assert "150 EUR" not in receipts
    assert "<dd>150</dd>" in receipts
    assert "Unchanged" in path_item(html, "Late return")


def test_the_diff_marks_changed_words_of_the_rule_and_quiet_sections(client, staff, changed_policy):
    client.force_login(staff)

    html = client.get(comparison_url(changed_policy, 1, 2)).content.decode()

    rule = html.split('id="section-1"')[1].split("</section>")[0]
    assert f"{REMOVED}30 days.</del>{ADDED}45 days.</ins>" in rule
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
    client, staff, leader, changed_policy, django_assert_max_num_queries, extra_versions
):
    for _ in range(extra_versions):
        publish_version(changed_policy, approver=leader)
    client.force_login(staff)
    client.get(changed_policy.url)  # warm the site-root cache, as on a running server

    # Two of these find the versions; Wagtail checks each one's links (owner, tags,
    # related policies) as it loads it; the rest is what every policy URL costs.
    with django_assert_max_num_queries(32):
        assert client.get(comparison_url(changed_policy, 1, 2)).status_code == 200


def test_readable_diff_tags_changes_and_keeps_the_text_escaped():
    html = '<span class="deletion">a &lt;b&gt;</span> kept <span class="addition">c</span>'

    assert readable_diff(html) == (f"{REMOVED}a &lt;b&gt;</del> kept {ADDED}c</ins>")
