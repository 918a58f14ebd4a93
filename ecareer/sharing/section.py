"""The share section of the scenario page: the owner's links and the form for a new one."""

from django.http import HttpRequest

from ecareer.sharing.forms import ShareLinkForm

SECTION = "sharing/share_section.html"


def section_context(request: HttpRequest, scenario, form=None) -> dict:
    """What the share section of the scenario page shows."""
    return {
        "scenario": scenario,
        "share_links": scenario.share_links.all(),
        "share_form": form or ShareLinkForm(),
        "report_base_url": request.build_absolute_uri("/r/"),
    }
