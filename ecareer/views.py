"""Site-wide views: the visitor's landing page, the language switch and the health check."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
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
    return render(request, "home.html", {"example": example_charts()})


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
