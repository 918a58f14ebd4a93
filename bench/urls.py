"""Production's URLs plus hello-world views: yardsticks of the throughput and Lighthouse benches."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from ecareer.urls import urlpatterns as production_urlpatterns


def hello(request: HttpRequest) -> HttpResponse:
    """The least a Django view can do, through the same middleware as every page."""
    return HttpResponse("Hello, world", content_type="text/plain")


def hello_page(request: HttpRequest) -> HttpResponse:
    """The least HTML page: Lighthouse's yardstick (`bench/lighthouse.py --control`)."""
    html = '<!doctype html><html lang="en"><title>Hello</title><p>Hello, world</p></html>'
    return HttpResponse(html)


urlpatterns = [
    path("bench/hello", hello),
    path("bench/hello.html", hello_page),
    *production_urlpatterns,
]
