"""The pressure score's rules, as tables: no database needed."""

import pytest

from portal.insights.score import NO_FIGURES, is_flagged, points, pressure, ranking_key


def figures(**counts) -> dict:
    return {**NO_FIGURES, **counts}


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, 0),
        ({"granted": 9, "upheld": 4, "waiting": 2}, 0),  # the rule working as designed
        ({"granted_outside": 1}, 3),
        ({"escalations": 1}, 1),
        ({"escalations": 1, "overdue": 1}, 2),
        ({"went_badly": 1, "follow_up_complaint": 1}, 2),
        ({"granted_outside": 1, "escalations": 4, "overdue": 2, "went_badly": 2}, 13),
    ],
)
def test_points_weigh_each_sign_that_a_rule_does_not_fit(counts, expected):
    assert points(figures(**counts)) == expected


@pytest.mark.parametrize(
    ("points_counted", "days", "expected"),
    [
        (0, 90, 0.0),
        (13, 90, 13 * 30 / 90),
        (11, 30, 11.0),
        (16, 365, 16 * 30 / 365),
        (6, 90, 2.0),
    ],
)
def test_pressure_is_points_per_thirty_days_whatever_the_window(points_counted, days, expected):
    assert pressure(points=points_counted, days=days) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("pressure_reached", "threshold", "flagged"),
    [(0.0, 3.0, False), (2.99, 3.0, False), (3.0, 3.0, True), (7.5, 3.0, True), (0.0, 0.0, True)],
)
def test_a_policy_is_flagged_from_the_threshold_on(pressure_reached, threshold, flagged):
    assert is_flagged(pressure=pressure_reached, threshold=threshold) is flagged


def test_ranking_puts_pressure_first_then_cases_then_title_then_id():
    policies = [
        (figures(pressure=1.0, cases=9), "Zebra", 1),
        (figures(pressure=2.0, cases=1), "Yak", 2),
        (figures(pressure=1.0, cases=9), "apple", 3),
        (figures(pressure=1.0, cases=2), "Apple", 4),
        (figures(pressure=1.0, cases=2), "apple", 5),
    ]

    ranked = sorted(policies, key=lambda row: ranking_key(figures=row[0], title=row[1], pk=row[2]))

    assert [pk for _figures, _title, pk in ranked] == [2, 3, 1, 4, 5]
