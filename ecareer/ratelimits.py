"""Per-user rate limits for the expensive endpoints (what-if preview, compare, import).

django-ratelimit counts in the default cache (Redis in production, so every instance shares the
count); this module only adds the answer: 429 with Retry-After and "try again in N s", as a
one-line fragment for htmx (the page shows it in its status area) or a small page otherwise.
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from ecareer.middleware import error_answer


def setting_rate(name: str) -> Callable[[str, HttpRequest], str]:
    """The rate in setting `name`, read per request (ecareer/settings.py fills it from the
    environment; tests can override it)."""
    return lambda group, request: getattr(settings, name)


def ratelimited(
    group: str,
    rate: str | Callable[[str, HttpRequest], str],
    *,
    when: Callable[[HttpRequest], bool] | None = None,
) -> Callable:
    """Allow `rate` ("30/m", "5/10s") requests per signed-in user (per client address otherwise).

    Only the requests `when` holds for are counted (all when it is None): a form shown by GET,
    or a dashboard without what-if values, costs little and is never refused.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if when is None or when(request):
                usage = get_usage(request, group=group, key="user_or_ip", rate=rate, increment=True)
                if usage is not None and usage["should_limit"]:
                    return too_many_requests(request, max(usage["time_left"], 1))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_many_requests(request: HttpRequest, seconds: int) -> HttpResponse:
    """429 with Retry-After and a message saying when to try again."""
    message = ngettext(
        "Too many requests: please try again in %(seconds)d second.",
        "Too many requests: please try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}
    response = error_answer(request, message, 429)
    response["Retry-After"] = str(seconds)
    return response
