"""`{% share_section scenario %}`: the owner's share links, for the scenario page."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ecareer.sharing.section import SECTION, section_context

register = template.Library()


@register.simple_tag(takes_context=True)
def share_section(context, scenario) -> str:
    """Render the share section of `scenario` (create, list, copy, revoke)."""
    request = context["request"]
    html = render_to_string(SECTION, section_context(request, scenario), request)
    return mark_safe(html)  # noqa: S308 (rendered by our own template, escaped there)
