"""Persistent database connections, SQLite included, with its PRAGMAs set once per connection."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

# Three requests through the real WSGI handler (not the test client, which keeps connections
# from closing): count the connections opened and read the PRAGMAs on the one left open.
PROBE = """
import json, io
from wsgiref.util import setup_testing_defaults
from django.db import connection
from django.db.backends.signals import connection_created
from ecareer.wsgi import application

opened, statuses = [], []
connection_created.connect(lambda sender, connection, **kw: opened.append(1))
for _ in range(3):
    environ = {"PATH_INFO": "/healthz", "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    body = application(environ, lambda status, headers: statuses.append(status))
    b"".join(body); body.close()
cur = connection.cursor()
print(json.dumps({
    "statuses": statuses, "opened": len(opened),
    "journal_mode": cur.execute("PRAGMA journal_mode").fetchone()[0],
    "synchronous": cur.execute("PRAGMA synchronous").fetchone()[0],
    "busy_timeout": cur.execute("PRAGMA busy_timeout").fetchone()[0],
    "conn_max_age": connection.settings_dict["CONN_MAX_AGE"],
    "health_checks": connection.settings_dict["CONN_HEALTH_CHECKS"],
}))
"""


def test_every_database_keeps_its_connections_with_health_checks():
    database = settings.DATABASES["default"]  # SQLite or PostgreSQL, whichever this run uses
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


def test_sqlite_connection_outlives_requests_and_sets_its_pragmas_once(tmp_path):
    # A process of its own with the production settings, so this holds on the PostgreSQL run too.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DB_CONN_MAX_AGE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DEBUG="1",  # plain http: no redirect to https for /healthz
        DJANGO_SETTINGS_MODULE="ecareer.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'persistent.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["statuses"] == ["200 OK"] * 3
    assert probe["opened"] == 1  # one connection (and one run of the PRAGMAs) for 3 requests
    assert probe["journal_mode"] == "wal"
    assert probe["synchronous"] == 1  # NORMAL
    assert probe["busy_timeout"] == 20000
    assert probe["conn_max_age"] == 60 and probe["health_checks"] is True
