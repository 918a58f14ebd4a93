"""WSGI entry point: `gunicorn ecareer.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecareer.settings")
application = get_wsgi_application()
