"""Settings of the gunicorn instances the multi-server and load tests start.

The test settings plus the test-only URLs (a rate-limited view), and a cache key prefix of the
test run's own, so a Redis shared with other runs keeps their keys apart.
"""

import os

from tests.settings import *  # noqa: F403

ROOT_URLCONF = "tests.hardening.urls"
CACHES["default"]["KEY_PREFIX"] = os.environ.get("TEST_CACHE_PREFIX", "ecareer-test")  # noqa: F405
