"""The signed-in scenario page, cached whole and gzipped once, checked by one small query.

Rendering the page (tables, cards, the dashboard's HTML, share links) and loading the scenario
with its items was nearly all of its time, and most views of it show exactly what the last one
showed. So the page is kept in the cache (Redis when several app servers run) as a
`StitchedPage`: its fixed text, gzipped once, with stand-ins for the CSRF token and the CSP nonce
that every response fills in with its own (ecareer/precompressed.py, as the landing page does).

The key is a digest of everything the page shows. One query (`_stamp`) reads, as text, every
stored field of the rows the page shows from the database: the scenario, its reserve, cost items,
income streams, loans and share links. So any change to any of them, made on any server (or straight
in the database), gives the next view another key: nothing has to be deleted, and no server can
answer with a page older than the database. The rest of the key: the user and their profile
(currency, display name, language, hidden hints; read by the language middleware anyway), the
active language, the host, today's date (share links expire), the session's undo record and
email reminder, and a digest of the code, templates, translations and static names
(`landing_version`), so a release never reuses a page.

Not cached, rendered as before: a page with a query string (what-if values, the footer's
`next`), an htmx request, a page with a message waiting for this user (a message is shown once,
never kept in a page), and any database but SQLite and PostgreSQL (the stamp's SQL is theirs).
A page whose rendered tokens are not all stand-ins is not cached either.
"""

import functools
import hashlib
import logging
import re
import secrets
from types import SimpleNamespace
from typing import NamedTuple

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
from ecareer.planning import use_and_undo
from ecareer.planning.fragments import VOLATILE
from ecareer.precompressed import CSRF_LENGTH, FAST, NONCE_LENGTH, StitchedPage

logger = logging.getLogger(__name__)

# Bump when what the key covers changes (the code digest covers the templates themselves).
PAGE_VERSION = "1"
# A page is replaced by the next edit long before; this only bounds what a shared cache keeps.
PAGE_SECONDS = 6 * 3600
# Stand-ins start so; each rendering draws its own random rest, so no text a user typed before
# (a name, a note) can be one and be replaced by a token.
CSRF_STAND_IN = "csrf-stand-in-"
NONCE_STAND_IN = "nonce-stand-in-"
CONTENT_TYPE = "text/html; charset=utf-8"
# Where a page carries a token or a nonce; each must be a stand-in before the page is cached.
_WORD = re.compile(r"\w")
# Two patterns, each starting with its own literal text, which re finds far faster in a long page
# than one alternation.
_TOKENS = (
    re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"'),
    re.compile(r'"X-CSRFToken": "([^"]*)"'),
)
# `nonce="` as an attribute (not the end of a longer name); the word boundary is checked on each
# match, as a leading \b would make re try every position of the page.
_NONCES = re.compile(r'nonce="([^"]*)"')


def cacheable(request: HttpRequest) -> bool:
    """A plain view of the page: no query string, not htmx, no message waiting to be shown."""
    # len() of the storage looks at the messages without marking them as shown.
    return (
        connection.vendor in ("sqlite", "postgresql")
        and not request.GET
        and not request.headers.get("HX-Request")
        and not get_messages(request)
    )


@functools.cache
def _stamp_sql(vendor: str, with_links: bool = True) -> str:
    """The stamp's query: every stored field of the rows the page shows, as text in one row.

    Without the share links for the shared report: it shows none, and a link's row changes with
    every view it counts."""
    from ecareer.planning.models import CostItem, IncomeStream, Loan, ReserveTarget, Scenario
    from ecareer.sharing.models import ShareLink

    q = connection.ops.quote_name

    def text(model, content: bool) -> str:  # one row of `model` (alias x) as text; NULL and ''
        # stay apart. `content`: without the fields every save changes and no page shows.
        fields = [f for f in model._meta.concrete_fields if not (content and f.name in VOLATILE)]
        columns = ", ".join(f"x.{q(field.column)}" for field in fields)
        if vendor == "postgresql":
            return f"CAST(ROW({columns}) AS text)"
        return f"json_array({columns})"  # SQLite's JSON1, as Django's JSONField needs

    def rows(model, content: bool) -> str:  # all rows of `model` of the scenario, in id order
        table, where = q(model._meta.db_table), q("scenario_id")
        if vendor == "postgresql":
            return (
                f"(SELECT string_agg({text(model, content)}, '|' ORDER BY x.{q('id')}) "  # noqa: S608 (names from the models, values as parameters)
                f"FROM {table} x WHERE x.{where} = %s)"
            )
        return (
            f"(SELECT group_concat(t, '|') FROM (SELECT {text(model, content)} AS t FROM {table} x "  # noqa: S608
            f"WHERE x.{where} = %s ORDER BY x.{q('id')}))"
        )

    shown = (ReserveTarget, CostItem, IncomeStream, Loan, *((ShareLink,) if with_links else ()))
    full = [text(Scenario, False), *(rows(m, False) for m in shown)]
    content = [text(Scenario, True), *(rows(m, True) for m in shown)]
    return (
        f"SELECT {', '.join(full + content)}, x.{q('name')} FROM {q(Scenario._meta.db_table)} x "  # noqa: S608
        f"WHERE x.{q('id')} = %s AND x.{q('user_id')} = %s"
    )


class Stamp(NamedTuple):
    """What of a page lives in the database: every stored field of its rows, as text."""

    full: tuple  # the scenario, its reserve, costs, incomes, loans (and share links)
    content: tuple  # the same rows without the VOLATILE fields, in the same order
    name: str  # the scenario's name, as the page's title shows it


def _stamp(user, pk: int, with_links: bool = True) -> Stamp | None:
    """What of the page lives in the database, in one query; None unless `user` owns `pk`."""
    sql = _stamp_sql(connection.vendor, with_links)
    shown = 5 if with_links else 4  # the rows of each kind below the scenario, twice
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk] * (2 * shown) + [pk, user.pk])
        row = cursor.fetchone()
    if row is None:
        return None
    return Stamp(tuple(row[: shown + 1]), tuple(row[shown + 1 : -1]), row[-1])


def _digest(request: HttpRequest, profile, stamp: tuple, *own) -> str:
    """The digest of what a cached page shows: the code (templates, static names), its owner's
    profile (name, currency), `stamp` (the rows from the database), the language, where it is
    asked (scheme, host, prefix, path), today's date, and the page's `own` parts."""
    from ecareer.views import landing_version  # the digest of code, templates and static names

    parts = (
        PAGE_VERSION,
        landing_version(),
        [getattr(profile, field.attname) for field in profile._meta.concrete_fields],
        stamp,
        translation.get_language(),
        request.scheme,
        request.get_host(),
        get_script_prefix(),
        request.path,
        timezone.localdate().isoformat(),
        *own,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def page_key(request: HttpRequest, pk: int, stamp: Stamp | None = None) -> str:
    """The cache key of this user's scenario page `pk` as this request would see it (`stamp`:
    its rows, if read already).

    Raises Http404 unless the scenario is this user's.
    """
    user = request.user
    stamp = stamp or _stamp(user, pk)
    if stamp is None:
        raise Http404("No scenario matches the given query.")
    digest = _digest(
        request,
        user.profile,  # read whole by ProfileLanguageMiddleware
        stamp.full,
        user.pk,
        user.email,  # the header shows it when there is no display name
        request.session.get(UNCONFIRMED, False),
        use_and_undo.recalled(request.session, SimpleNamespace(pk=pk)),
        settings.ACCOUNT_EMAIL_VERIFICATION,
    )
    return f"ecareer:scenario-page:v{PAGE_VERSION}:{user.pk}:{pk}:{digest}"


def only_stand_ins(html: str, csrf: str, nonce: str) -> bool:
    """True if every token and nonce in `html` is a stand-in (the page may then be shared)."""
    # First by counting (str.count, fast on a long page): where each place a token or a nonce
    # goes holds the stand-in, nothing else can be there; only otherwise, the exact check.
    places = (
        ('name="csrfmiddlewaretoken" value="', csrf),
        ('"X-CSRFToken": "', csrf),
        ('nonce="', nonce),
    )
    if all(html.count(start) == html.count(f'{start}{value}"') for start, value in places):
        return True
    tokens = {token for pattern in _TOKENS for token in pattern.findall(html)}
    nonces = {
        m.group(1)
        for m in _NONCES.finditer(html)
        if m.start() == 0 or not _WORD.match(html, m.start() - 1)
    }
    return tokens <= {csrf} and nonces <= {nonce}


def report_key(request: HttpRequest, link, stamp: Stamp | None = None) -> str:
    """The cache key of the shared report of `link` (a usable link) as this request would see it.

    Made as the scenario page's, from the owner's scenario without its share links (the report
    shows none, and each view changes its link's row), the link itself but its view count, the
    owner's profile (the report's currency), the language, host, path and today's date (the
    report is "produced on" it). Nothing of the visitor: the report is the same for everyone
    who holds the link, and each link has keys of its own. `stamp`: `report_stamp(link)`, if
    read already.
    """
    scenario = link.scenario
    stamp = stamp or report_stamp(link)
    if stamp is None:
        raise Http404("No scenario matches the given query.")
    skip = {"view_count", "last_viewed_at"}
    fields = [getattr(link, f.attname) for f in link._meta.concrete_fields if f.name not in skip]
    digest = _digest(request, scenario.user.profile, stamp.full, "report", fields)
    return f"ecareer:report-page:v{PAGE_VERSION}:{link.pk}:{digest}"


def report_stamp(link) -> Stamp | None:
    """The rows the shared report of `link` shows (its scenario's, without share links)."""
    return _stamp(link.scenario.user, link.scenario_id, with_links=False)


def cached_page(request: HttpRequest, pk: int, render) -> HttpResponse | None:
    """The page from the cache, or rendered with stand-ins by `render(stamp, **context)`
    (`stamp`: the page's rows, see Stamp), cached.

    Raises Http404 for a scenario that is not this user's, cached or not. None (render the
    page as usual) if the rendered page holds a real token or nonce, which must never be shared.
    """
    stamp = _stamp(request.user, pk)
    key = page_key(request, pk, stamp)  # Http404 if there is no stamp
    return stitched(request, key, functools.partial(render, stamp))


def stitched(request: HttpRequest, key: str, render) -> HttpResponse | None:
    """The page under `key` from the cache, or rendered by `render(**stand_ins)` and cached;
    None if the rendered page holds a real token or nonce. A page without a CSRF stand-in (the
    shared report) asks for no token, so its answer sets no CSRF cookie."""
    page = cache.get(key)
    if page is None:
        csrf, nonce = (
            f"{start}{secrets.token_hex(16)}" for start in (CSRF_STAND_IN, NONCE_STAND_IN)
        )
        html = render(csrf_token=csrf, csp_nonce=nonce, messages=())
        if not only_stand_ins(html, csrf, nonce):
            logger.error("page %s holds a real token or nonce: not cached", key)
            return None
        lengths = {csrf: CSRF_LENGTH, nonce: NONCE_LENGTH}
        page = StitchedPage.of(html, (csrf, nonce), CONTENT_TYPE, lengths, level=FAST)
        cache.set(key, page, PAGE_SECONDS)
    values = {}
    for stand_in in set(page.stand_ins):
        if stand_in.startswith(CSRF_STAND_IN):
            values[stand_in] = get_token(request)
        else:
            values[stand_in] = str(get_nonce(request))
    return page.response(request, values)
