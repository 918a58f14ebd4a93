"""Site-wide answers that no view should have to remember: body size and private caching."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def error_answer(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """A short error message: a fragment for htmx (the page shows it), a small page otherwise."""
    template = "errors.html#fragment" if request.headers.get("HX-Request") else "errors.html"
    return render(request, template, {"message": message}, status=status)


class RequestSizeLimitMiddleware:
    """Refuse a body larger than REQUEST_MAX_BYTES from its Content-Length, before reading it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_MAX_BYTES
        if length > limit:
            message = _("The request is too large: at most %(size)s MB can be sent at once.") % {
                "size": number_format(limit / 1024 / 1024, 1)
            }
            response = error_answer(request, message, 413)
            # Outside CommonMiddleware: the client reads the answer by its length.
            response["Content-Length"] = str(len(response.content))
            return response
        return self.get_response(request)


class PrivateNoStoreMiddleware:
    """A signed-in user's pages and downloads show their money: no cache may keep them.

    Applies to every answer to a signed-in user that does not set Cache-Control itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
