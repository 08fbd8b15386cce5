"""Filling in the record-a-case form, as a person does."""


def fill_case_form(page, *, situation, path, amount, rationale):
    """Fill in the form with the decision granted under the exception path named `path`."""
    page.get_by_label("Situation").fill(situation)
    page.get_by_role("radio", name=path).check()
    page.get_by_label("Amount or quantity").fill(amount)
    page.get_by_label("Why this decision").fill(rationale)
