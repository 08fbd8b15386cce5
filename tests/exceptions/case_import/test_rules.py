"""A log row judged by the rules of the policy version in force on its date: a table of rows
and what each comes to, the decider's tier it is kept with or the reason it is refused."""

from decimal import Decimal

import pytest

from exceptions.case_import.rows import RowRefused, read_row
from exceptions.case_import.rules import judge_row
from exceptions.rulebook import PathTerms, PolicyTerms
from policies.choices import Tier

LATE = PathTerms(name="Late return", tier=Tier.STAFF, limit=Decimal(14), unit="days", key=1)
NO_RECEIPT = PathTerms(
    name="Refund without receipt", tier=Tier.SUPERVISOR, limit=Decimal(150), unit="EUR", key=2
)
BIGGER = PathTerms(
    name="Bigger refund", tier=Tier.LEADERSHIP, limit=Decimal(400), unit="EUR", key=3
)
FLEXIBLE = PolicyTerms(firm=False, paths=(LATE, NO_RECEIPT, BIGGER))
FIRM = PolicyTerms(firm=True)

WITHIN, OUTSIDE, UPHELD = "Granted within a path", "Granted outside any path", "Upheld"


def row(decision, path="", amount=""):
    cells = {
        "date": "2025-03-31",
        "policy": "Returns",
        "situation": "Something happened.",
        "decision": decision,
        "path": path,
        "amount": amount,
        "rationale": "Because.",
    }
    return read_row(cells, line=2)


# (terms, row, decider's tier the log gives or None, tier kept with the case, path kept)
VALID = [
    ("upheld, nobody named", FIRM, row(UPHELD), None, Tier.STAFF, None),
    ("upheld by leadership", FIRM, row(UPHELD), Tier.LEADERSHIP, Tier.LEADERSHIP, None),
    (
        "within its limit, nobody named",
        FLEXIBLE,
        row(WITHIN, "Late return", "14"),
        None,
        Tier.STAFF,
        LATE,
    ),
    (
        "path named in another letter case",
        FLEXIBLE,
        row(WITHIN, "LATE RETURN", "3"),
        None,
        Tier.STAFF,
        LATE,
    ),
    (
        "over its limit, a higher path covers it",
        FLEXIBLE,
        row(WITHIN, "Refund without receipt", "300"),
        None,
        Tier.LEADERSHIP,
        NO_RECEIPT,
    ),
    (
        "over every limit, leadership named",
        FLEXIBLE,
        row(WITHIN, "Bigger refund", "900"),
        Tier.LEADERSHIP,
        Tier.LEADERSHIP,
        BIGGER,
    ),
    (
        "outside any path, nobody named",
        FLEXIBLE,
        row(OUTSIDE, "", "20"),
        None,
        Tier.LEADERSHIP,
        None,
    ),
    (
        "supervisor's path by a leader",
        FLEXIBLE,
        row(WITHIN, "Refund without receipt", "100"),
        Tier.LEADERSHIP,
        Tier.LEADERSHIP,
        NO_RECEIPT,
    ),
]

# (terms, row, decider's tier, the reason given)
REFUSED = [
    (
        "grant within a path under a firm rule",
        FIRM,
        row(WITHIN, "Late return", "3"),
        None,
        "This rule is firm: it is never bent, and has no exception paths.",
    ),
    (
        "grant outside any path under a firm rule",
        FIRM,
        row(OUTSIDE),
        Tier.LEADERSHIP,
        "This rule is firm: it is never bent. Only “rule upheld” can be recorded.",
    ),
    (
        "unknown path",
        FLEXIBLE,
        row(WITHIN, "Late return, weeks over", "3"),
        None,
        "The policy had no path “Late return, weeks over” on that date; its paths were: "
        "Late return; Refund without receipt; Bigger refund.",
    ),
    (
        "grant within a path naming none",
        FLEXIBLE,
        row(WITHIN),
        None,
        "A grant within a path must name the path.",
    ),
    (
        "an upheld rule naming a path",
        FLEXIBLE,
        row(UPHELD, "Late return"),
        None,
        "Only a grant within a path names one: this row says “Uphold the rule”.",
    ),
    (
        "a limited path without its amount",
        FLEXIBLE,
        row(WITHIN, "Late return"),
        None,
        "Enter the amount: this path has a limit of 14 days.",
    ),
    (
        "over every limit, nobody named",
        FLEXIBLE,
        row(WITHIN, "Late return", "30"),
        None,
        "The amount 30 days is over every limit of this policy, "
        "and the row does not say who decided it.",
    ),
    (
        "over every limit in its unit, nobody named",
        FLEXIBLE,
        row(WITHIN, "Bigger refund", "900"),
        None,
        "The amount 900 EUR is over every limit of this policy",
    ),
    (
        "a supervisor's path granted by staff",
        FLEXIBLE,
        row(WITHIN, "Refund without receipt", "100"),
        Tier.STAFF,
        "This needs a supervisor: “Refund without receipt” may only be granted by a supervisor.",
    ),
    (
        "over the limit, a supervisor named",
        FLEXIBLE,
        row(WITHIN, "Refund without receipt", "300"),
        Tier.SUPERVISOR,
        "This needs leadership: the limit is 150 EUR, you entered 300 EUR.",
    ),
    (
        "outside any path by a supervisor",
        FLEXIBLE,
        row(OUTSIDE, "", "20"),
        Tier.SUPERVISOR,
        "Granting outside any path needs leadership.",
    ),
]


@pytest.mark.parametrize(
    ("terms", "log_row", "given", "kept", "path"),
    [case[1:] for case in VALID],
    ids=[case[0] for case in VALID],
)
def test_a_valid_row_is_kept_with_its_deciders_tier_and_path(terms, log_row, given, kept, path):
    ruling = judge_row(log_row, terms=terms, decider_tier=given)

    assert (ruling.decider_tier, ruling.path) == (kept, path)


@pytest.mark.parametrize(
    ("terms", "log_row", "given", "reason"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_a_row_that_breaks_a_rule_is_refused_with_the_reason(terms, log_row, given, reason):
    with pytest.raises(RowRefused) as refused:
        judge_row(log_row, terms=terms, decider_tier=given)

    assert refused.value.message.startswith(reason)
