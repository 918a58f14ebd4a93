"""Settings of the gunicorn instances the multi-server and load tests start.

The test settings plus the test-only URLs (a rate-limited view), production's cache (Redis, or
the database cache without REDIS_URL), and a cache key prefix of the test run's own, so a Redis
shared with other runs keeps their keys apart.
"""

import copy
import os

from ecareer import settings as production
from tests.settings import *  # noqa: F403

ROOT_URLCONF = "tests.hardening.urls"
# Production's cache choice (Redis through REDIS_URL, the shared database cache without it),
# not the test process's own memory.
CACHES = copy.deepcopy(production.CACHES)
CACHES["default"]["KEY_PREFIX"] = os.environ.get("TEST_CACHE_PREFIX", "ecareer-test")
# A code stays valid for the periods either side, so a test's two uses of one code are never
# told apart only by a 30-second boundary between them.
MFA_TOTP_TOLERANCE = 1
