"""The share section of the scenario page: the owner's links and the form for a new one."""

import functools

from django.db import connection
from django.http import HttpRequest

from ecareer import rows
from ecareer.sharing.forms import ShareLinkForm
from ecareer.sharing.models import ShareLink

SECTION = "sharing/share_section.html"


@functools.cache
def _links_sql(vendor: str) -> str:
    """Every stored field of one scenario's share links, newest first (the model's order)."""
    q = connection.ops.quote_name
    table = q(ShareLink._meta.db_table)
    return (
        f"SELECT {rows.columns(ShareLink)} FROM {table} WHERE {q('scenario_id')} = %s "  # noqa: S608 (names from the model, the value as a parameter)
        f"ORDER BY {q('created_at')} DESC, {q('id')} DESC"
    )


def share_links(scenario) -> list[ShareLink]:
    """The scenario's share links, newest first, read by one plain query (ecareer.rows)."""
    links = rows.rows_of(ShareLink, _links_sql(connection.vendor), [scenario.pk])
    for link in links:
        ShareLink.scenario.field.set_cached_value(link, scenario)
    return links


def section_context(request: HttpRequest, scenario, form=None) -> dict:
    """What the share section of the scenario page shows."""
    return {
        "scenario": scenario,
        "share_links": scenario.share_links.all(),
        "share_form": form or ShareLinkForm(),
        "report_base_url": request.build_absolute_uri("/r/"),
    }
