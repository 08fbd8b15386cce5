import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Django, Wagtail and every model and URL are loaded now and live as long as the
# worker. Set them aside from garbage collection, which otherwise walks them all
# on each full collection: a pause of tens of milliseconds in a random request.
gc.freeze()
