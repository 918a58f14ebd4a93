"""Site-wide views: the visitor's landing page, the language switch and the health check."""

import functools
import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from ecareer.accounts.models import Profile
from ecareer.precompressed import CSRF_LENGTH, NONCE_LENGTH, StitchedPage

logger = logging.getLogger(__name__)

LANDING_CACHE_SECONDS = 24 * 60 * 60
CSRF_STAND_IN = "csrf-token-stand-in-filled-in-per-request"
NONCE_STAND_IN = "csp-nonce-stand-in-filled-in-per-request"


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Explain the product to visitors; send signed-in users to their scenarios.

    The page is the same for every visitor of a language but for the CSRF token and the CSP
    nonce, so it is cached per language, gzipped once, with stand-ins for both that each
    response fills in (ecareer/precompressed.py; the nonce then goes into this response's
    header, as on any rendered page). A query string (it would be kept in the footer's `next`)
    or a message for this visitor renders it anew; its example section still comes from the
    cache (`{% cache %}` in home.html).
    """
    if request.user.is_authenticated:
        return redirect("planning:list")
    # The charts are built only if the template's example section is not in the cache.
    context = {"example": SimpleLazyObject(example_charts), "landing_version": landing_version()}
    if request.GET or get_messages(request):  # len(): looks, does not mark them as shown
        return render(request, "home.html", context)
    key = landing_cache_key(translation.get_language())
    page = cache.get(key)
    if page is None:
        stand_ins = {"csrf_token": CSRF_STAND_IN, "csp_nonce": NONCE_STAND_IN}
        html = render_to_string("home.html", {**context, **stand_ins}, request)
        lengths = {CSRF_STAND_IN: CSRF_LENGTH, NONCE_STAND_IN: NONCE_LENGTH}
        page = StitchedPage.of(html, tuple(lengths), "text/html; charset=utf-8", lengths)
        cache.set(key, page, LANDING_CACHE_SECONDS)
    values = {CSRF_STAND_IN: get_token(request), NONCE_STAND_IN: str(get_nonce(request))}
    return page.response(request, values)


def landing_cache_key(language: str) -> str:
    """The cache key of the signed-out landing page's HTML in `language`."""
    return f"landing-page:{language}:{landing_version()}"


@functools.cache
def landing_version() -> str:
    """A digest of the code, data, templates, translations and static names of the landing page.

    Part of its cache keys, so a release that changes how it looks (or a static file's hashed
    name) is never served the last release's page from a shared cache (Redis); computed once
    per process.
    """
    root = settings.BASE_DIR
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"  # hashed names, when collected
    sources = sorted(
        [
            *(root / "ecareer").rglob("*.py"),
            *(root / "ecareer" / "starters").glob("*.json"),
            *(root / "templates").rglob("*.html"),
            *(root / "locale").glob("*/LC_MESSAGES/django.mo"),
            *([manifest] if manifest.exists() else []),
        ]
    )
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def example_charts() -> dict:
    """The cash-flow and cushion charts of the online-shop starter, as still pictures.

    Built by the dashboard's own code in the visitor's language; the projection and simulation
    come from the cache, so the landing page costs a chart build, not a simulation.
    """
    from ecareer.planning import narrative, services
    from ecareer.planning.dashboard import dashboard_figures
    from ecareer.projection.breakdown import first_year_costs
    from ecareer.starters import load_starter

    data = load_starter("online_shop", translation.get_language() or "en")
    projection = services.projection_of(data)
    risk = services.risk_of(data, projection)
    figures = dashboard_figures(data, projection, risk)
    costs = first_year_costs(projection)
    summaries = narrative.summaries(data, projection, risk, costs)
    example = {"name": data.name}
    for key in ("cashflow", "cushion"):
        figure = figures[key]
        # Still: no hover, zoom or mode bar; the page around it says what it shows.
        figure["config"] = {**figure["config"], "staticPlot": True, "responsive": True}
        # A shorter plot than the dashboard's; js/charts.js adds what legend and axes take.
        height = figure["layout"]["height"] - 80
        figure["layout"] = {**figure["layout"], "height": height, "meta": {"plot_height": 180}}
        example[key] = figure
        example[f"{key}_summary"] = summaries[key]
    return example


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer `ok` when the app and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unreachable")
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The footer's language switch (Django's), which also sets a signed-in user's profile.

    The profile's language wins over the cookie on every request, so changing only the cookie
    would do nothing for someone signed in.
    """
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        Profile.objects.filter(user=request.user).update(language=language)
    return response


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 page; for htmx a one-line message in the page's status area, not a page in a card."""
    if not request.headers.get("HX-Request"):
        return defaults.page_not_found(request, exception)
    message = translation.gettext(
        "This no longer exists: it may have been deleted in another tab. Reload the page."
    )
    response = render(request, "errors.html#fragment", {"message": message}, status=404)
    response["HX-Retarget"] = "#messages"
    response["HX-Reswap"] = "innerHTML"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page; for htmx a one-line message (ecareer.js shows it in the status area)."""
    if not request.headers.get("HX-Request"):
        return defaults.server_error(request)
    # No context processors: whatever failed may fail again while rendering them.
    message = translation.gettext(
        "Something went wrong. The error has been logged; please try again in a moment."
    )
    html = render_to_string("errors.html#fragment", {"message": message})
    return HttpResponse(html, status=500)
