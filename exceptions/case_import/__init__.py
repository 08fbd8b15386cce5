"""Bringing an exception log kept before the portal (CSV or XLSX) in as precedent cases.

`columns` finds each field's column by its header, `rows` reads a row's cells
into plain values, `rules` judges a row by the policy version in force on its
date (the rulebook's own functions), `catalogue` reads what rows are judged
against in a few queries, `writing` writes the valid rows in bulk with their
history, and `service` runs the whole: all or nothing, or the valid rows only.
"""
