"""The tests' Redis cache: its clear() removes this run's keys only, never the whole database.

Django's RedisCache.clear() is FLUSHDB, which would also empty the keys of other test runs (and of
anything else) sharing the Redis of REDIS_URL; tests/settings.py gives each run a prefix.
"""

from django.core.cache.backends.redis import RedisCache


class RunScopedRedisCache(RedisCache):
    """A RedisCache whose clear() deletes the keys under its own KEY_PREFIX alone."""

    def clear(self) -> None:
        client = self._cache.get_client(None, write=True)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])
