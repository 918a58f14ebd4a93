"""Django's database sessions, read with one plain SQL statement instead of the ORM.

The same table, rows and encoding as `django.contrib.sessions.backends.db` (which writes them
still): sessions stay in the database every app server shares, and the sessions list, "sign out
all other sessions" and the password change work on them as before. Only the read, made on
every signed-in request, skips building the query through the ORM each time, which was a
good part of a signed-in request's own time.
"""

import functools

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.db import connections, router
from django.utils import timezone


@functools.cache
def _select(vendor: str, table: str, quote) -> str:
    return (
        f"SELECT {quote('session_data')} FROM {quote(table)} "  # noqa: S608 (the model's names)
        f"WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s"
    )


class SessionData:
    """What `load` reads of the row."""

    __slots__ = ("session_data",)

    def __init__(self, session_data: str) -> None:
        self.session_data = session_data


class SessionStore(DatabaseStore):
    def _get_session_from_db(self):
        """The unexpired row of this key (its data), or None and the key dropped, as Django's."""
        connection = connections[router.db_for_read(self.model)]
        table = self.model._meta.db_table
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            sql = _select(connection.vendor, table, connection.ops.quote_name)
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return SessionData(row[0])
