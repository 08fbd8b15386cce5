"""How upheld cases ended next to granted ones, and when there are too few to say."""

import pytest

from portal.insights.saying_no import MIN_FOLLOW_UPS, cost_of_no


def test_each_side_is_counted_by_result_and_compared_by_what_went_badly():
    cost = cost_of_no(
        {
            ("upheld", "resolved"): 2,
            ("upheld", "churned"): 1,
            ("upheld", "complaint"): 1,
            ("granted", "resolved"): 3,
            ("granted", "came_back"): 1,
        }
    )

    assert cost.upheld.followed_up == 4
    assert cost.upheld.went_badly_share == 0.5
    assert cost.granted.went_badly_share == 0.25
    assert cost.extra_went_badly == pytest.approx(0.25)
    assert cost.upheld.share("churned") == 0.25
    assert not cost.enough


@pytest.mark.parametrize(
    ("upheld", "granted", "enough"),
    [
        (MIN_FOLLOW_UPS, MIN_FOLLOW_UPS, True),
        (MIN_FOLLOW_UPS - 1, 100, False),
        (100, MIN_FOLLOW_UPS - 1, False),
        (0, 0, False),
    ],
)
def test_fewer_than_twenty_on_either_side_are_too_few(upheld, granted, enough):
    cost = cost_of_no({("upheld", "resolved"): upheld, ("granted", "resolved"): granted})

    assert cost.enough == enough


def test_a_side_without_follow_ups_has_no_share_to_compare():
    cost = cost_of_no({("granted", "resolved"): 3})

    assert cost.upheld.went_badly_share is None
    assert cost.extra_went_badly is None
    assert cost.any
    assert not cost_of_no({}).any
