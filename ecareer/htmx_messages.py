"""Django messages on htmx responses: added to the page's status area out of band.

A view only calls `messages.success(...)`; a full page shows the message in base.html, and an
htmx fragment carries it here, so no view renders messages itself.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

TEMPLATE = "messages.html"


class HtmxMessagesMiddleware:
    """Appends the request's pending messages to an htmx fragment (out of band, `#messages`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or not self._swapped(response):
            return response  # a full page or a redirect shows them on the page itself
        pending = messages.get_messages(request)
        if pending:
            html = render_to_string(TEMPLATE, {"messages": pending}, request)
            response.write(html)
        return response

    @staticmethod
    def _swapped(response: HttpResponse) -> bool:
        """An htmx fragment that stays on this page (not a redirect, not a download)."""
        return (
            not response.streaming
            and response.status_code < 300
            and "HX-Redirect" not in response
            and "HX-Location" not in response
            and response.get("Content-Type", "").startswith("text/html")
        )
