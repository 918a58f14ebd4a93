"""`{% scenario_dashboard scenario %}`: the KPI and chart section, for the scenario page."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def scenario_dashboard(context, scenario) -> str:
    """Render the dashboard section of `scenario` for the page's request (what-if included)."""
    from ecareer.planning.dashboard import render_dashboard  # views import templates, not back

    return mark_safe(render_dashboard(context["request"], scenario))  # noqa: S308 (rendered HTML)
