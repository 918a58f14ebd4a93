"""Language per request (the profile's for signed-in users, the browser's for visitors), and the
sessions list's "last seen"."""

import functools
import time

from allauth.usersessions.internal import usersessionkit
from django.db import connection
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from ecareer import rows
from ecareer.accounts.models import Profile
from ecareer.accounts.signals import SEEN_AT


class ProfileLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, overridden by the signed-in user's profile language.

    The profile is read whole, once, and kept as `request.user.profile`, so the pages that
    show the currency, the display name or the hints ask no second query for it.
    """

    def process_request(self, request):
        super().process_request(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = next(iter(rows.rows_of(Profile, _profile_sql(), [user.pk])), None)
            if profile is None:
                return
            _PROFILE.set_cached_value(user, profile)
            if profile.language:
                translation.activate(profile.language)
                request.LANGUAGE_CODE = profile.language


@functools.cache
def _profile_sql() -> str:
    """The user's profile, every field: plain SQL skips the ORM's query building (a third of a
    signed-in request's own time went to building its three queries)."""
    quote = connection.ops.quote_name
    table = quote(Profile._meta.db_table)
    return f"SELECT {rows.columns(Profile)} FROM {table} WHERE {quote('user_id')} = %s"  # noqa: S608


_PROFILE = Profile.user.field.remote_field  # the user's side of the one-to-one: `user.profile`

# How often a signed-in browser's "last seen" in the sessions list is brought up to date.
SEEN_EVERY_SECONDS = 300


class SessionActivityMiddleware:
    """allauth's session tracking, once every few minutes per session instead of every request.

    allauth's own middleware writes the session's row on every signed-in request; the time of
    the last write is kept in the session, so most requests cost no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = time.time()
            if session.session_key and now - session.get(SEEN_AT, 0) >= SEEN_EVERY_SECONDS:
                usersessionkit.track_activity(request, user=user, session=session)
                session[SEEN_AT] = now
        return self.get_response(request)
