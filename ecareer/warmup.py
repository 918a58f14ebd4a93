"""Do at start what a worker's first request would: import every view, compile the templates.

gunicorn.conf.py calls `warm()` in the master before the workers fork. It closes the cache and
database connections it opened, so no socket is shared with the forked workers (the local-memory
cache's projections are inherited: the first landing page is ready too).
"""

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

# The pages a visitor or a signed-in user opens first; their includes compile with them.
TEMPLATES = (
    "home.html",
    "registration/login.html",
    "accounts/signup.html",
    "planning/scenario_list.html",
    "planning/scenario_detail.html",
    "sharing/report.html",
)


def warm() -> None:
    """Import the URLconf's views, load each language's catalogue, compile templates, draw once."""
    get_resolver().url_patterns  # noqa: B018 -- imports every view module and what it imports
    for name in TEMPLATES:
        get_template(name)
    from ecareer.views import example_charts, example_version

    example_version()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            example_charts()  # plotly.py's, numpy's and the projection's first-call work
    caches.close_all()
    connections.close_all()
