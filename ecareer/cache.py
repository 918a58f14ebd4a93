"""The embedded default cache: Django's database cache, one table every worker and instance shares.

Without REDIS_URL the cache used to be each process's own memory, so with two gunicorn workers
the sign-in lock-out, the one-time use of an authenticator code and every rate limit counted per
worker (issue 27). In the database every process sees the same counts; `migrate` creates the
table (`create_cache_table`, on post_migrate), so `make run` and a production start need no step
of their own. Redis (REDIS_URL) stays the faster choice for several instances.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.management import call_command
from django.db import connections, router, transaction

# Keys culled only once expired: allauth's lock-out and rate-limit counts and used one-time
# codes (`allauth...`), django-ratelimit's counts (`rl:`), under Django's "prefix:version:".
PROTECTED = ("%:allauth%", "%:rl:%")


class DatabaseCache(DjangoDatabaseCache):
    """Django's database cache with an atomic `incr`, as django-ratelimit's counts need.

    Django's own `incr` reads and writes in two steps, so two workers counting at once could
    both write the same count; here the row is locked in between (PostgreSQL: FOR UPDATE;
    SQLite: ecareer's IMMEDIATE transactions hold the write lock from BEGIN), and only the
    value is written, so the window's expiry stays as `add` set it.
    """

    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, made = quote(self._table), self.make_and_validate_key(key, version=version)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('cache_key')} FROM {table} WHERE {quote('cache_key')} = %s{lock}",  # noqa: S608
                [made],
            )
            value = self.get(key, version=version)  # None when missing or expired
            if value is None:
                raise ValueError(f"Key '{key}' not found")
            value += delta
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {quote('cache_key')} = %s",  # noqa: S608
                [self._encoded(value), made],
            )
        return value

    def _cull(self, db, cursor, now, num) -> None:
        """Past MAX_ENTRIES: the expired rows, then the third that expires soonest, but never a
        lock-out, rate-limit or used-code row before it expires. (Django's cull drops the first
        third by key, where `allauth:` and `rl:` sort: filling the cache would reset them.)"""
        connection = connections[db]
        quote = connection.ops.quote_name
        table, key, expires = quote(self._table), quote("cache_key"), quote("expires")
        cursor.execute(
            f"DELETE FROM {table} WHERE {expires} < %s",  # noqa: S608
            [connection.ops.adapt_datetimefield_value(now)],
        )
        remaining = num - cursor.rowcount
        if remaining <= self._max_entries:
            return
        cursor.execute(
            f"SELECT {key} FROM {table} WHERE {key} NOT LIKE %s AND {key} NOT LIKE %s "  # noqa: S608
            f"ORDER BY {expires} LIMIT %s",
            [*PROTECTED, remaining // max(self._cull_frequency, 1)],
        )
        doomed = [row[0] for row in cursor.fetchall()]
        for start in range(0, len(doomed), 500):
            chunk = doomed[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE {key} IN ({marks})", chunk)  # noqa: S608

    def _encoded(self, value) -> str:
        """The value as `_base_set` stores it: pickled, then base64 text."""
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")


def create_cache_table(using: str = "default", **kwargs) -> None:
    """After `migrate` (post_migrate): the table of every database cache in CACHES, if missing
    (createcachetable skips the other backends and a table that exists)."""
    call_command("createcachetable", database=using, verbosity=0)
