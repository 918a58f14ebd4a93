"""The site's URLs plus test-only views: a rate-limited one and one that fails."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from ecareer.ratelimits import ratelimited
from ecareer.urls import handler404, handler500, urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


@ratelimited("tests-tiny", "3/m")
def tiny(request: HttpRequest) -> HttpResponse:
    """Answers `ok` three times a minute per user."""
    return HttpResponse("ok")


def broken(request: HttpRequest) -> HttpResponse:
    """Fails as a bug would."""
    raise RuntimeError("a bug")


urlpatterns = [
    *urlpatterns,
    path("tests/tiny/", tiny),
    path("tests/broken/", broken),
]
