"""Do at start what a worker's first request would: import every view, compile the templates.

gunicorn.conf.py calls `warm()` in the master before the workers fork. It closes the cache and
database connections it opened, so no socket is shared with the forked workers (the starter's
projection in the local-memory cache is inherited, so a first landing page only renders).
"""

import gc

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation


def warm() -> None:
    """Import the URLconf's views, load each language's catalogue, compile templates, draw once."""
    get_resolver().url_patterns  # noqa: B018 -- imports every view module and what it imports
    templates = settings.BASE_DIR / "templates"
    for path in sorted(templates.rglob("*.html")):  # the cached loader keeps them compiled
        get_template(path.relative_to(templates).as_posix())
    from ecareer.views import example_charts, landing_version

    landing_version()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            example_charts()  # plotly.py's, numpy's and the projection's first-call work
    caches.close_all()
    connections.close_all()


def freeze() -> None:
    """Move everything the warmed process holds into the collector's permanent generation, just
    before the workers fork (Python's gc.freeze, as its documentation advises for a preforking
    server).

    The warmed app is some 200,000 objects (Django, numpy, plotly, compiled templates) that live
    as long as the process: every full collection walked them all again (about 0.2 s in a
    worker, some 1 ms per request on average), and touching them copied the master's memory
    pages into each worker. Frozen, a collection sees only what requests make.
    """
    gc.collect()
    gc.freeze()
