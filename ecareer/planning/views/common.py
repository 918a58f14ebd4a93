"""What every planning view shares: the typed request, the user's currency, the change event."""

from django.http import HttpRequest, HttpResponse, QueryDict
from django_htmx.http import trigger_client_event
from django_htmx.middleware import HtmxDetails

# Sent after every saved change; the dashboard section listens for it and refreshes itself.
CHANGED = "scenario-changed"


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def currency(request: HttpRequest) -> str:
    """The signed-in user's currency (ISO 4217), for display only."""
    return request.user.profile.currency


def posted(request: HttpRequest) -> QueryDict | None:
    """The posted data, or None for GET (an empty POST is still a bound, invalid form)."""
    return request.POST if request.method == "POST" else None


def changed(response: HttpResponse) -> HttpResponse:
    """Tell the rest of the page (KPIs, charts) that the scenario was saved."""
    trigger_client_event(response, CHANGED)
    return response
