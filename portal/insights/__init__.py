"""Insights across policies: exception pressure, reviews due and acknowledgement coverage."""
