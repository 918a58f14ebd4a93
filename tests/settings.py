"""Test settings: the production settings with DEBUG off, minus what a test machine lacks.

Only these differ from production: no TLS redirect (the test server speaks plain http),
a fast password hasher, and static files served unhashed from the finders (the test server
serves /static/ from the finders; the hashed, compressed build is tested separately).
"""

import os
import tempfile
import uuid

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("DEBUG", "0")

from ecareer.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

# WhiteNoise serves from the finders, as the test server does; no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# SQLite: a test database file (WAL, busy timeout), not shared-cache memory, so concurrent
# requests behave as in production; one file per process so parallel runs don't collide.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"ecareer-test-{os.getpid()}.sqlite3")
    }

# PostgreSQL: a test database per process too (pytest-django drops and creates it), so two runs
# on one server (a CI pass beside a developer's) never drop each other's.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_ecareer_{os.getpid()}"}  # noqa: F405

# Redis (REDIS_URL or CACHE_URL, as in .ci/run's PostgreSQL pass): the keys of this run under a
# prefix of its own, and cache.clear() (every test starts with one) removes only those, so runs
# sharing the Redis never see each other's counts, sessions or cached projections.
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":  # noqa: F405
    CACHES["default"]["BACKEND"] = "tests.cache.RunScopedRedisCache"  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"ecareer-test-{uuid.uuid4().hex[:12]}"  # noqa: F405
else:
    # Without Redis, production's default is the database cache (ecareer/cache.py), which the
    # gunicorn instances of tests/servers use. The tests in this one process keep a cache in its
    # memory: every test empties the cache first, also those that may not touch the database;
    # tests/hardening/test_database_cache.py tests the database cache itself.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
