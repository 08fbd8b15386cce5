"""The bands of amounts above a limit, and the limit the decisions in them suggest."""

from decimal import Decimal

import pytest

from portal.insights.limits import (
    Band,
    Decisions,
    band_edges,
    band_width,
    bands_of,
    limit_evidence,
    suggested_limit,
)

D = Decimal


@pytest.mark.parametrize(
    ("limit", "width"),
    [
        (D(14), D(2)),  # a quarter is 3.5: the round width below it
        (D(50), D(10)),
        (D(30), D(5)),
        (D(80), D(20)),
        (D(150), D(20)),
        (D(400), D(100)),
        (D(1000), D(200)),
        (D(4), D(1)),
        (D("0.5"), D(1)),  # never narrower than one unit
    ],
)
def test_bands_are_a_round_width_near_a_quarter_of_the_limit(limit, width):
    assert band_width(limit) == width


def test_the_first_band_ends_at_the_first_round_amount_above_the_limit():
    assert band_edges(D(14))[:3] == [D(16), D(18), D(20)]
    assert band_edges(D(15))[:2] == [D(16), D(18)]
    assert band_edges(D(50))[:2] == [D(60), D(70)]


def granted(count, *, upheld=0, less=0, hours=0.0):
    return Decisions(granted=count, upheld=upheld, granted_less=less, hours_waited=hours)


def test_amounts_fall_in_bands_up_to_the_highest_with_a_case():
    bands = bands_of(
        limit=D(14),
        by_amount={D(13): granted(9), D(15): granted(2), D(16): granted(1), D(20): granted(1)},
    )

    assert [(band.low, band.high, band.decisions.cases) for band in bands] == [
        (D(14), D(16), 3),  # 13 is within the limit and left out
        (D(16), D(18), 0),
        (D(18), D(20), 1),
    ]


def test_amounts_far_above_the_limit_share_one_open_band():
    bands = bands_of(limit=D(14), by_amount={D(15): granted(1), D(90): granted(1, upheld=1)})

    assert bands[-1].low == D(30)
    assert bands[-1].high is None
    assert bands[-1].decisions.cases == 2
    assert len(bands) == 9


def band(low, high, decisions):
    return Band(low=D(low), high=None if high is None else D(high), decisions=decisions)


@pytest.mark.parametrize(
    ("bands", "suggested"),
    [
        # Ten granted of ten up to 18: the top of the second band.
        ([band(14, 16, granted(5)), band(16, 18, granted(5))], D(18)),
        # Nine cases only: too few behind any band.
        ([band(14, 16, granted(5)), band(16, 18, granted(4))], None),
        # A weak top band is no suggestion, though the cases behind it mostly were granted.
        ([band(14, 16, granted(10)), band(16, 18, granted(1, upheld=1))], D(16)),
        # 90 % exactly is enough.
        ([band(14, 16, granted(9, upheld=1))], D(16)),
        # Below 90 %: none.
        ([band(14, 16, granted(8, upheld=1, less=1))], None),
        # A weaker band is carried by one above it while all the cases up to it reach 90 %.
        ([band(14, 16, granted(8, upheld=2)), band(16, 18, granted(10))], D(18)),
        # A smaller grant is not a grant of what was asked.
        ([band(14, 16, granted(9, less=2))], None),
        # An empty band carries the ones below it; the one above it still counts.
        ([band(14, 16, granted(6)), band(16, 18, granted(0)), band(18, 20, granted(4))], D(20)),
        # An open band has no top to suggest.
        ([band(14, 16, granted(3)), band(30, None, granted(20))], None),
        # No case at all.
        ([], None),
        # A single case, granted: far too few.
        ([band(14, 16, granted(1))], None),
    ],
)
def test_the_suggested_limit_is_the_top_of_the_highest_band_deciders_grant(bands, suggested):
    assert suggested_limit(bands, share=0.9, min_cases=10) == suggested


def test_both_thresholds_are_settings():
    bands = [band(14, 16, granted(4, upheld=1))]

    assert suggested_limit(bands, share=0.8, min_cases=5) == D(16)
    assert suggested_limit(bands, share=0.9, min_cases=5) is None
    assert suggested_limit(bands, share=0.8, min_cases=6) is None


def test_the_evidence_sums_the_waits_and_names_the_bands_behind_the_suggestion():
    evidence = limit_evidence(
        limit=D(14),
        by_amount={
            D(15): granted(6, hours=60),
            D(17): granted(5, hours=40),
            D(25): granted(0, upheld=1),
        },
        share=0.9,
        min_cases=10,
    )

    assert evidence.suggested == D(18)
    assert evidence.total.cases == 12
    assert evidence.total.hours_waited == 100
    assert [item.high for item in evidence.supporting_bands] == [D(16), D(18)]
