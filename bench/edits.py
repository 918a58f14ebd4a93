"""Bench-only: a request with `X-Bench-Edit: 1` comes right after an edit (never in production).

`bench_throughput.py`'s "after an edit" rows send the header. Before the view runs, the signed-in
user's scenarios (or, on a shared report, the link's scenario) get one version further: one plain
UPDATE of the columns every save changes (`version + 1`, a new `updated_at`). That is what every
saved edit does to the rows the page cache reads (ecareer/planning/page_cache.py), so the page
cache and the shared report's cache miss and each measured request renders, as the first view after
an edit does. The content is unchanged, so what is computed from it (projection, simulation,
required prices) and the parts of the page kept by what they show (ecareer/planning/fragments.py)
are found in the cache, as all but the edited thing's part are after a real edit: the rows
measure putting the page together, not the projection.
"""

from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ecareer.planning.models import Scenario
from ecareer.sharing.models import ShareLink, token_digest

HEADER = "X-Bench-Edit"


class EditBeforeEachRequest:
    """Bump the version of the scenarios the request shows, when it asks so (bench only)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.headers.get(HEADER) == "1":
            # Plain SQL, so the bump costs the measured request as little as it can.
            table = connection.ops.quote_name(Scenario._meta.db_table)
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            update = f"UPDATE {table} SET version = version + 1, updated_at = %s WHERE "
            with connection.cursor() as cursor:
                if request.path.startswith("/r/"):
                    digest = token_digest(request.path.split("/")[2])
                    links = connection.ops.quote_name(ShareLink._meta.db_table)
                    cursor.execute(
                        update + f"id IN (SELECT scenario_id FROM {links} WHERE token_sha256 = %s)",
                        [now, digest],
                    )
                else:
                    cursor.execute(update + "user_id = %s", [now, request.user.pk])
        return self.get_response(request)
