"""gunicorn's settings for the portal; `gunicorn portal.wsgi`, started in this folder, reads them.

Each worker serves requests on a few threads: a long download (the CSV of every
case takes seconds) then holds one thread, and the worker's other threads go on
answering pages. Set the number of workers with --workers or WEB_CONCURRENCY.
"""

import os

worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
