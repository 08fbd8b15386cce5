"""Recurring grants outside any path, grouped and proposed as paths."""

from decimal import Decimal

import pytest

from portal.insights.proposals import (
    OutsideGrant,
    common_words,
    grouped_by_tag,
    percentile,
    proposals,
    proposed_name,
    shared_unit,
)


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([], 0.9, None),
        ([40.0], 0.9, 40.0),
        ([10.0, 20.0], 0.9, 19.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 0.9, 9.1),
        ([35.0, 42.0, 48.0, 55.0, 110.0], 0.9, 88.0),
        ([5.0, 1.0, 3.0], 0.5, 3.0),
    ],
)
def test_the_percentile_interpolates_between_the_nearest_values(values, fraction, expected):
    found = percentile(values, fraction)

    assert found == (None if expected is None else pytest.approx(expected))


def test_common_words_are_those_most_situations_share():
    situations = [
        "Repeat damage claim: bowl cracked.",
        "Repeat damage claim: frame shattered.",
        "Repeat damage claim: toaster dented.",
        "Bookcase split in transit.",
    ]

    assert common_words(situations) == ["repeat", "damage", "claim"]
    assert proposed_name(situations=situations, tag="damaged") == "Repeat damage claim"


def test_a_group_sharing_no_words_is_named_by_its_tag():
    assert proposed_name(situations=["Bowl cracked.", "Frame shattered."], tag="repeat-claim") == (
        "Repeat claim"
    )


def grant(pk, *, policy=1, tags=("repeat",), amount="40", tier=3, waited=24.0, situation="x"):
    return OutsideGrant(
        pk=pk,
        policy_id=policy,
        situation=situation,
        tags=frozenset(tags),
        amount=None if amount is None else Decimal(amount),
        decided_by_tier=tier,
        waited_hours=waited,
    )


def test_five_grants_sharing_a_tag_propose_a_path():
    grants = [grant(pk, amount=str(10 * pk), waited=float(pk)) for pk in range(1, 6)]

    [proposal] = proposals(grouped_by_tag(grants))

    assert proposal.cases == 5
    assert proposal.limit == Decimal("46")  # between 40 and 50, nine tenths of the way
    assert proposal.tier == 3
    assert proposal.answer_hours == 3.0
    assert proposal.case_ids == (5, 4, 3, 2, 1)


@pytest.mark.parametrize("count", [0, 1, 4])
def test_fewer_than_five_propose_nothing(count):
    assert proposals(grouped_by_tag([grant(pk) for pk in range(count)])) == []


def test_the_lowest_tier_that_granted_is_proposed_and_missing_amounts_give_no_limit():
    grants = [grant(pk, amount=None, tier=3 if pk else 2, waited=None) for pk in range(5)]

    [proposal] = proposals(grouped_by_tag(grants))

    assert (proposal.tier, proposal.limit, proposal.answer_hours) == (2, None, None)


def test_a_case_is_in_one_proposal_only_and_policies_are_apart():
    both = [grant(pk, tags=("damaged", "repeat")) for pk in range(6)]
    elsewhere = [grant(pk, policy=2, tags=("repeat",)) for pk in range(10, 15)]

    found = proposals(grouped_by_tag([*both, *elsewhere]))

    assert [(item.policy_id, item.tag, item.cases) for item in found] == [
        (1, "damaged", 6),
        (2, "repeat", 5),
    ]


@pytest.mark.parametrize(
    ("units", "shared"),
    [
        ([], ""),
        (["", ""], ""),
        (["EUR", "EUR", ""], "EUR"),
        (["EUR", "days"], ""),
    ],
)
def test_a_proposal_takes_a_unit_only_when_the_policy_s_limits_share_one(units, shared):
    assert shared_unit(units) == shared
