"""The signed-in scenario page, cached whole and gzipped once, checked by one small query.

Rendering the page (tables, cards, charts' HTML, share links) and loading the scenario with its
items is nearly all of its time; most views of it show exactly what the last one showed. So the
page is kept in the cache (Redis when several app servers run) as a `StitchedPage`: its fixed
text, gzipped once, with stand-ins for the CSRF token and the CSP nonce that every response
fills in with its own (ecareer/precompressed.py, as the landing page does).

The key is a digest of everything the page shows, and one query (`_stamp`) reads what of it
lives in the database: the scenario row's version and time of change, its reserve's version,
for its cost items, income streams and share links the count, the highest id and the sum of the
versions (views) with the latest change, and the owner's profile. Every write the app makes to
a scenario, an item or a reserve raises that row's version (ecareer/planning/versions.py, the
rename, what-if save, "use this" and undo), an added row raises the highest id for good and a
deleted one lowers the count, so an edit on any server gives the next view another key: nothing
has to be deleted, and no server can serve a page older than the database. The rest of the key
comes from the request: the user, the language, the host, today's date (share links expire),
the session's undo record and email reminder, and a digest of the code, templates,
translations and static names (`landing_version`), so a release never reuses a page.

Not cached, rendered as before: a page with a query string (what-if values, the footer's
`next`), an htmx request, and a page with a message waiting for this user (a message is shown
once, never stored in a page). A page whose rendered tokens are not all stand-ins (something
rendered a real token) is not cached either.
"""

import functools
import hashlib
import logging
import re
from types import SimpleNamespace

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.urls import get_script_prefix
from django.utils import timezone, translation

from ecareer.accounts.signals import UNCONFIRMED
from ecareer.planning import decisions_web
from ecareer.precompressed import StitchedPage

logger = logging.getLogger(__name__)

# Bump when what the key covers changes (the code digest covers the templates themselves).
PAGE_VERSION = "1"
# A page is replaced by the next edit long before; this only bounds what a shared cache keeps.
PAGE_SECONDS = 6 * 3600
CSRF_STAND_IN = "csrf-token-stand-in-of-the-cached-scenario-page"
NONCE_STAND_IN = "csp-nonce-stand-in-of-the-cached-scenario-page"
STAND_INS = {"csrf_token": CSRF_STAND_IN, "csp_nonce": NONCE_STAND_IN}
CONTENT_TYPE = "text/html; charset=utf-8"
# Where a page carries a token or a nonce; each must be a stand-in before the page is cached.
_TOKENS = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"|"X-CSRFToken": "([^"]*)"')
_NONCES = re.compile(r'\bnonce="([^"]*)"')


def cacheable(request: HttpRequest) -> bool:
    """A plain view of the page: no query string, not htmx, no message waiting to be shown."""
    # len() of the storage looks at the messages without marking them as shown.
    return not request.GET and not request.headers.get("HX-Request") and not get_messages(request)


@functools.cache
def _stamp_sql() -> str:
    from ecareer.accounts.models import Profile
    from ecareer.planning.models import CostItem, IncomeStream, ReserveTarget, Scenario
    from ecareer.sharing.models import ShareLink

    q = connection.ops.quote_name

    def items(model, alias: str) -> str:
        return (
            f"LEFT JOIN (SELECT {q('scenario_id')} AS sid, COUNT(*) AS n, MAX({q('id')}) AS top, "  # noqa: S608 (names from the models, values as parameters)
            f"SUM({q('version')}) AS v, MAX({q('updated_at')}) AS t FROM {q(model._meta.db_table)}"
            f" WHERE {q('scenario_id')} = %s GROUP BY {q('scenario_id')}) {alias} "
            f"ON {alias}.sid = s.{q('id')}"
        )

    share = ShareLink._meta.db_table
    return (
        f"SELECT s.{q('version')}, s.{q('updated_at')}, r.{q('id')}, r.{q('version')}, "  # noqa: S608
        "c.n, c.top, c.v, c.t, i.n, i.top, i.v, i.t, l.n, l.top, l.views, l.revoked, l.seen, "
        f"p.{q('display_name')}, p.{q('currency')}, p.{q('language')}, "
        f"p.{q('dismissed_hints')} "
        f"FROM {q(Scenario._meta.db_table)} s "
        f"LEFT JOIN {q(ReserveTarget._meta.db_table)} r ON r.{q('scenario_id')} = s.{q('id')} "
        f"{items(CostItem, 'c')} {items(IncomeStream, 'i')} "
        f"LEFT JOIN (SELECT {q('scenario_id')} AS sid, COUNT(*) AS n, MAX({q('id')}) AS top, "
        f"SUM({q('view_count')}) AS views, COUNT({q('revoked_at')}) AS revoked, "
        f"MAX({q('last_viewed_at')}) AS seen FROM {q(share)} WHERE {q('scenario_id')} = %s "
        f"GROUP BY {q('scenario_id')}) l ON l.sid = s.{q('id')} "
        f"LEFT JOIN {q(Profile._meta.db_table)} p ON p.{q('user_id')} = s.{q('user_id')} "
        f"WHERE s.{q('id')} = %s AND s.{q('user_id')} = %s"
    )


def _stamp(user, pk: int) -> tuple:
    """What of the page lives in the database, in one query; 404 unless `user` owns `pk`."""
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql(), [pk, pk, pk, pk, user.pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No scenario matches the given query.")
    return tuple(row)


def page_key(request: HttpRequest, pk: int) -> str:
    """The cache key of this user's scenario page `pk` as this request would see it."""
    from ecareer.views import landing_version  # the digest of code, templates and static names

    user = request.user
    parts = (
        PAGE_VERSION,
        landing_version(),
        user.pk,
        user.email,
        _stamp(user, pk),
        translation.get_language(),
        request.scheme,
        request.get_host(),
        get_script_prefix(),
        request.path,
        timezone.localdate().isoformat(),
        request.session.get(UNCONFIRMED, False),
        decisions_web.recalled(request.session, SimpleNamespace(pk=pk)),
        settings.ACCOUNT_EMAIL_VERIFICATION,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"ecareer:scenario-page:v{PAGE_VERSION}:{user.pk}:{pk}:{digest}"


def only_stand_ins(html: str) -> bool:
    """True if every token and nonce in `html` is a stand-in (the page may then be shared)."""
    tokens = {a or b for a, b in _TOKENS.findall(html)}
    nonces = set(_NONCES.findall(html))
    return tokens <= {CSRF_STAND_IN} and nonces <= {NONCE_STAND_IN}


def cached_page(request: HttpRequest, pk: int, render) -> HttpResponse | None:
    """The page from the cache, or rendered with stand-ins by `render(**context)`, cached.

    Raises Http404 for a scenario that is not this user's, cached or not. None (render the
    page as usual) if the rendered page holds a real token or nonce, which must never be shared.
    """
    key = page_key(request, pk)
    page = cache.get(key)
    if page is None:
        html = render(csrf_token=CSRF_STAND_IN, csp_nonce=NONCE_STAND_IN, messages=())
        if not only_stand_ins(html):
            logger.error("scenario page %s holds a real token or nonce: not cached", pk)
            return None
        page = StitchedPage.of(html, tuple(STAND_INS.values()), CONTENT_TYPE)
        cache.set(key, page, PAGE_SECONDS)
    values = {CSRF_STAND_IN: get_token(request), NONCE_STAND_IN: str(get_nonce(request))}
    return page.response(request, values)
