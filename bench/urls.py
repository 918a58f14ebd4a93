"""Production's URLs plus a hello-world view: the yardstick of the throughput bench."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from ecareer.urls import urlpatterns as production_urlpatterns


def hello(request: HttpRequest) -> HttpResponse:
    """The least a Django view can do, through the same middleware as every page."""
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("bench/hello", hello), *production_urlpatterns]
