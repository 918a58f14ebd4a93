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
    values = section_context(request, scenario)
    if context.get("csrf_token") is not None:  # the page's own (a stand-in on a cached page)
        values["csrf_token"] = context["csrf_token"]
    html = render_to_string(SECTION, values, request)
    return mark_safe(html)  # noqa: S308 (rendered by our own template, escaped there)
