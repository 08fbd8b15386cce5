"""Filling in the record-a-case form, as a person does."""

from policies.choices import Tier


def fill_case_form(page, *, situation, path, amount, rationale):
    """Fill in the form with the decision granted under the exception path named `path`.

    The path is chosen first: once a situation is typed, the similar cases appear beside
    it a moment later and move the form, and a click made as they land misses."""
    page.get_by_role("radio", name=path).check()
    page.get_by_label("Situation").fill(situation)
    page.get_by_label("Amount or quantity").fill(amount)
    page.get_by_label("Why this decision").fill(rationale)


# Staff refund a damaged item up to 50 EUR; above that, a supervisor up to 150 EUR.
DAMAGED_ITEM_PATHS = [
    {
        "name": "Goodwill refund",
        "authority": Tier.STAFF,
        "limit_amount": 50,
        "limit_unit": "EUR",
        "conditions": "The customer sent a photo of the damage.",
        "record": "Where the photo is kept.",
        "decision_hours": 0,
    },
    {
        "name": "Larger refund",
        "authority": Tier.SUPERVISOR,
        "limit_amount": 150,
        "limit_unit": "EUR",
        "conditions": "The damage is confirmed by the courier.",
        "record": "The courier's report.",
        "decision_hours": 24,
    },
]
