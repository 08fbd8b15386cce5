"""Deciders whose grant rate on similar amounts differs from their peers'."""

from decimal import Decimal

import pytest

from portal.insights.consistency import DeciderDecisions, differences

PATH = (1, "Late return")


def row(decider, *, amount="15", granted, decided, limit="14"):
    return DeciderDecisions(
        path_key=PATH,
        limit=Decimal(limit),
        amount=Decimal(amount),
        decider_id=decider,
        granted=granted,
        decided=decided,
    )


def test_a_decider_far_from_peers_in_a_band_is_pointed_out_with_both_rates():
    found = differences(
        [
            row(1, granted=1, decided=6),
            row(2, granted=9, decided=10),
            row(3, granted=9, decided=10),
        ],
        margin=0.3,
    )

    [one] = found
    assert (one.decider_id, one.granted, one.decided) == (1, 1, 6)
    assert (one.peers_granted, one.peers_decided) == (18, 20)
    assert (one.low, one.high) == (Decimal(14), Decimal(16))


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # Within the margin: nothing to align.
        ([row(1, granted=4, decided=5), row(2, granted=5, decided=5)], []),
        # Four decisions are too few to single anyone out.
        ([row(1, granted=0, decided=4), row(2, granted=5, decided=5)], []),
        # Peers with too few decisions are no yardstick.
        ([row(1, granted=0, decided=5), row(2, granted=4, decided=4)], []),
        # Amounts within the limit are not compared.
        (
            [row(1, amount="10", granted=0, decided=9), row(2, amount="10", granted=9, decided=9)],
            [],
        ),
        # Two deciders far apart: each is pointed out against the other.
        ([row(1, granted=0, decided=5), row(2, granted=5, decided=5)], [1, 2]),
        # Different bands are not similar amounts.
        (
            [row(1, amount="15", granted=0, decided=5), row(2, amount="19", granted=5, decided=5)],
            [],
        ),
    ],
)
def test_only_enough_decisions_on_similar_amounts_are_compared(rows, expected):
    assert [item.decider_id for item in differences(rows, margin=0.3)] == expected


def test_the_margin_is_a_setting():
    rows = [row(1, granted=3, decided=5), row(2, granted=5, decided=5)]

    assert differences(rows, margin=0.5) == []
    assert len(differences(rows, margin=0.3)) == 2
