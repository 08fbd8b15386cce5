"""A large company on demand: thousands of policies and years of cases, for measuring scale.

`seed_scale` (the management command) fills the current database through the
functions here. They write in bulk what Wagtail and django-simple-history
would have written one object at a time: the pages render, their revision
history reads as if owners had edited and leadership had approved every
version, and every case has the history rows of each step it went through.
"""
