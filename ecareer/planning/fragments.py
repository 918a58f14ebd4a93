"""Parts of pages kept as HTML by what they show (template fragment caching).

After an edit the page renders again, but an edit changes one thing: a cost, a setting, a link.
So the scenario page is put together from parts, each kept under a key made of what it shows, the
language, the code (`landing_version`) and where the page is asked (script prefix): the settings,
tax, reserve and risks cards, the share section (also the host its link addresses start with,
today's date for expiry and the time zone of its times), the item tables (tables.table_part), the
dashboard's top and its panels (dashboard.dashboard_context, views.decisions.panel_part). On a
plain view (the cached page's, editor.plain_page_context) "what it shows" is the page stamp's own
rows without the fields every save changes (page_cache.Stamp.content), so the scenario and its
items are loaded only to render a part whose rows changed; other views key the same parts by the
loaded rows and the plan. The shared report's parts (sharing.views), the scenario list's starters
and the site's header and footer (`{% chrome %}`) are kept the same way. So the next view renders
only the part whose fields changed; a part of another language, currency or release is never
served.

No token is ever kept or shared: a part with a form is rendered with `TOKEN_INPUT` where its
CSRF input goes, and each view puts in its own token (the stand-in of the cached page, or the
request's). None of these parts holds a CSP nonce.

A key names one content for good (a digest of what the part shows and of the code), so each
process also keeps its own copy of the parts it has read or made (`_Local`, least recently used
dropped past `LOCAL_LIMIT` characters): a copy can never be stale, and reading it costs no trip
to the shared cache (Redis, or the database cache: a query and base64 of some 60 KB for the
scenario page). The shared cache stays what every process fills and reads first.

With DEBUG on nothing is kept: a template edited while the development server runs shows at once.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from ecareer.planning import services

# Bump when what a key covers changes (the code digest covers the templates themselves).
VERSION = "1"
# What a kept part holds where its CSRF token goes; the whole input, which no escaped text is.
CSRF_STAND_IN = "csrf-fragment-stand-in"
_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
TOKEN_INPUT = _INPUT.format(CSRF_STAND_IN)

# Characters of parts each process keeps of its own (the scenario page's are some 80,000).
LOCAL_LIMIT = 16_000_000

SCENARIO_PAGE = "planning/scenario_detail.html"
CARDS = ("settings", "tax", "reserve", "risks")  # each the partial `<name>-card` of the page


# Fields every save changes (versions.py) and no page shows: the page cache's key holds them (a
# saved edit renders the page anew), what its parts are kept by does not.
VOLATILE = ("version", "updated_at")


def stored(row, skip: tuple[str, ...] = ()) -> tuple:
    """Every stored field of a model row (but `skip`), in field order."""
    return tuple(getattr(row, f.attname) for f in row._meta.concrete_fields if f.name not in skip)


def stored_reserve(scenario) -> tuple | None:
    """The stored fields of the scenario's reserve target; None for old data without one."""
    try:
        return stored(scenario.reserve)
    except ObjectDoesNotExist:
        return None


def key(name: str, shown) -> str:
    """The cache key of part `name` showing `shown`, in this language, release and place."""
    from ecareer.views import landing_version  # the digest of code, templates and static names

    parts = (VERSION, landing_version(), translation.get_language(), get_script_prefix(), shown)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"ecareer:fragment:{name}:{digest}"


class _Local:
    """A process's own copies of parts by key, the least recently used dropped past a size."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.parts: OrderedDict[str, str] = OrderedDict()
        self.lock = threading.Lock()  # the development server answers in threads

    def get_many(self, keys: list[str]) -> dict[str, str]:
        with self.lock:
            found = {k: self.parts[k] for k in keys if k in self.parts}
            for k in found:
                self.parts.move_to_end(k)
        return found

    def add(self, parts: dict[str, str]) -> None:
        with self.lock:
            for k, html in parts.items():
                if k not in self.parts and len(html) <= self.limit:
                    self.parts[k] = html
                    self.size += len(html)
            while self.size > self.limit:
                _key, html = self.parts.popitem(last=False)
                self.size -= len(html)

    def clear(self) -> None:
        with self.lock:
            self.parts.clear()
            self.size = 0


_LOCAL = _Local(LOCAL_LIMIT)


def forget() -> None:
    """Drop this process's own copies (tests that empty the shared cache empty these too)."""
    _LOCAL.clear()


def kept(
    parts: dict[str, tuple[str, Callable[[], str]]], token: str | None = None
) -> dict[str, SafeString]:
    """Each part's HTML by name: this process's copy, else from the shared cache in one read,
    else rendered by its function and kept in both; `token` (the page's CSRF token or its
    stand-in) put in on the way out where a part has a form.

    `parts` maps a name to its key (from `key`) and the function that renders it with
    `CSRF_STAND_IN` as its CSRF token.
    """
    if settings.DEBUG:  # a template edited while the development server runs shows at once
        found = {k: render() for k, render in parts.values()}
        return _filled(found, parts, token)
    keys = [k for k, _render in parts.values()]
    found = _LOCAL.get_many(keys)
    if len(found) < len(keys):
        shared = cache.get_many([k for k in keys if k not in found])
        _LOCAL.add(shared)
        found |= shared
    new = {}
    for k, render in parts.values():
        if k not in found:
            found[k] = new[k] = render()
    if new:
        cache.set_many(new, services.CACHE_SECONDS)
        _LOCAL.add(new)
    return _filled(found, parts, token)


def _filled(found: dict[str, str], parts: dict, token: str | None) -> dict[str, SafeString]:
    """Each part's HTML by name from `found` (by key), with `token` in its CSRF inputs."""
    field = _INPUT.format(token)
    # Our own templates' output, escaped there; only the token's input is replaced.
    return {
        name: mark_safe(found[k] if token is None else found[k].replace(TOKEN_INPUT, field))  # noqa: S308
        for name, (k, _render) in parts.items()
    }


def kept_here(key_: str, render: Callable[[], str], token) -> SafeString:
    """A part this process keeps of its own, not shared (cheap to make, shown on every page):
    its copy, or rendered by `render` with `CSRF_STAND_IN` and kept; with `token` put in (none
    where there is none, as {% csrf_token %} does)."""
    html = None if settings.DEBUG else _LOCAL.get_many([key_]).get(key_)
    if html is None:
        html = render()
        if not settings.DEBUG:  # a template edited while the development server runs shows
            _LOCAL.add({key_: html})
    field = "" if token is None or str(token) == "NOTPROVIDED" else _INPUT.format(token)
    return mark_safe(html.replace(TOKEN_INPUT, field))  # noqa: S308 (our template, escaped there)


def scenario_parts(request, scenario, currency: str, reserve) -> dict[str, tuple]:
    """The scenario page's cards in display mode and its share section, by name (`CARDS` and
    "share"), as keys and renderers for `kept`."""
    from ecareer.sharing.section import SECTION, section_context, share_links

    shown = (stored(scenario, skip=VOLATILE), reserve and stored(reserve))
    shown = hashlib.sha256(repr((currency, shown)).encode()).hexdigest()  # once for the cards
    context = {"scenario": scenario, "currency": currency, "reserve": reserve}

    def card(name: str) -> Callable[[], str]:
        return lambda: render_to_string(f"{SCENARIO_PAGE}#{name}-card", context)

    parts = {name: (key(f"{name}-card", shown), card(name)) for name in CARDS}
    links = share_links(scenario)
    base_url = request.build_absolute_uri("/r/")  # where the links' addresses start

    def share() -> str:
        values = {**section_context(request, scenario), "share_links": links}
        return render_to_string(SECTION, {**values, "csrf_token": CSRF_STAND_IN})

    share_shown = (
        scenario.pk,
        [stored(link) for link in links],
        base_url,
        timezone.localdate().isoformat(),  # a link past its expiry date shows as expired
        timezone.get_current_timezone_name(),  # creation and last view as local times
    )
    parts["share"] = (key("share", share_shown), share)
    return parts
