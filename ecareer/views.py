"""Site-wide views: the visitor's landing page, the language switch and the health check."""

import hashlib
import logging
from functools import cache

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from ecareer.accounts.models import Profile

logger = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Explain the product to visitors; send signed-in users to their scenarios."""
    if request.user.is_authenticated:
        return redirect("planning:list")
    # The example section is cached per language (`{% cache %}` in home.html); the charts are
    # built only when it is not, since the template is what first touches `example`.
    context = {"example": SimpleLazyObject(example_charts), "example_version": example_version()}
    return render(request, "home.html", context)


@cache
def example_version() -> str:
    """A digest of the code, data and translations the landing example is drawn from.

    Part of the example's cache key, so a release that changes how it looks is never served
    the last release's pictures from a shared cache (Redis); computed once per process.
    """
    root = settings.BASE_DIR
    sources = sorted(
        [
            *(root / "ecareer").rglob("*.py"),
            *(root / "ecareer" / "starters").glob("*.json"),
            root / "templates" / "home.html",
            *(root / "locale").glob("*/LC_MESSAGES/django.mo"),
        ]
    )
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.relative_to(root).as_posix().encode())
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
        height = figure["layout"]["height"] - 80  # the cash flow's grows with its legend
        figure["layout"] = {**figure["layout"], "height": height}
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
