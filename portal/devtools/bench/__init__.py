"""Measure the portal's pages under a real HTTP load generator against a seeded database.

`manage.py bench` (run by `make bench`, under portal.settings.bench:
production's settings plus the dev tools) starts gunicorn with those
settings, signs in as a seeded login, measures each page in pages.PAGES with
wrk, counts each page's queries in-process, reads each worker's memory from
/proc, and prints and saves one table; `--compare A.json B.json` sets two
saved runs side by side.
"""
