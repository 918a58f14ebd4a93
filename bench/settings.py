"""Settings for bench/bench_throughput.py and bench/lighthouse.py: production's, DEBUG off.

Only what a plain-http server on 127.0.0.1 needs differs: no redirect to https, and the
bench-only URL of the hello-world view (bench/urls.py). SQLite file, static root and secret
key come from the environment the bench sets.
"""

import os

from ecareer.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
# After the user is known: the "after an edit" rows' version bump (bench/edits.py).
MIDDLEWARE = [*MIDDLEWARE, "bench.edits.EditBeforeEachRequest"]  # noqa: F405
