"""Real gunicorn instances on 127.0.0.1 against the test database, Redis, and a small client."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import redis
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
START_TIMEOUT = 60  # seconds for an instance to answer /healthz


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The URL of the test database this test runs on, for another process."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def _wait_until(check, what: str, timeout: float, log: Path | None = None) -> None:
    """Poll `check` until it holds; fail with the server's log when it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)  # polling a starting process, not waiting for a page
    text = log.read_text(errors="replace")[-4000:] if log else ""
    pytest.fail(f"{what} did not come up within {timeout} s\n{text}")


@contextmanager
def redis_url() -> Iterator[str]:
    """REDIS_URL when set (CI's PostgreSQL pass); otherwise a private redis-server of this test."""
    if os.environ.get("REDIS_URL"):
        url = os.environ["REDIS_URL"]
        try:
            redis.Redis.from_url(url, socket_timeout=5).ping()
        except redis.RedisError as error:
            pytest.fail(f"REDIS_URL={url} does not answer: {error}")
        yield url
        return
    binary = shutil.which("redis-server")
    if not binary:
        pytest.fail("redis-server not found: `apt-get install -y redis-server` (or set REDIS_URL)")
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", folder],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"redis://127.0.0.1:{port}/0"
        try:

            def answers() -> bool:
                try:
                    return bool(redis.Redis.from_url(url, socket_timeout=1).ping())
                except redis.RedisError:
                    return False

            _wait_until(answers, "redis-server", START_TIMEOUT)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)


def create_cache_table() -> None:
    """The database cache's table in the test database, as `migrate` makes it in production
    (the test process itself caches in memory: tests/settings.py)."""
    from django.core.management.commands.createcachetable import Command

    command = Command()
    command.verbosity = 0
    command.create_table(connection.alias, "ecareer_cache", False)  # ecareer/settings.py's


@contextmanager
def own_cache_prefix(url: str | None) -> Iterator[str]:
    """A cache key prefix of this test alone (tests/server_settings.py reads it), its keys
    removed afterwards: a Redis shared with other runs mixes no counts or pages with theirs."""
    prefix = f"ecareer-test-{uuid.uuid4().hex[:12]}"
    try:
        yield prefix
    finally:
        if url:
            client = redis.Redis.from_url(url)
            for key in client.scan_iter(f"{prefix}:*"):
                client.delete(key)


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2, threads: int = 1) -> Iterator[str]:
    """`gunicorn ecareer.wsgi` on a free port of 127.0.0.1; yields its base URL."""
    port = free_port()
    with tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False) as log_file:
        log = Path(log_file.name)
    process_env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
        "DEBUG": "0",
        **env,
    }
    command = [
        str(GUNICORN),
        "ecareer.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=process_env, stdout=output, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:

        def answers() -> bool:
            if process.poll() is not None:
                pytest.fail(f"gunicorn exited with {process.returncode}\n{log.read_text()}")
            try:
                return Client(base).get("/healthz").status == 200
            except OSError:
                return False

        _wait_until(answers, f"gunicorn on port {port}", START_TIMEOUT, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        errors = [line for line in log.read_text(errors="replace").splitlines() if "Error" in line]
        log.unlink(missing_ok=True)
        assert errors == [], "gunicorn logged errors:\n" + "\n".join(errors[:20])


class Answer:
    """Status, headers and text of one answer."""

    def __init__(self, status: int, headers: http.client.HTTPMessage, text: str) -> None:
        self.status, self.headers, self.text = status, headers, text


class Client:
    """A browser-like client: keeps its cookies (Secure ones too: the test servers speak plain
    http) and sends the CSRF token as htmx does. Its base URL can change between requests:
    the instances stand for one site behind a proxy, `Host: localhost` on each."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, data: dict | None = None, headers: dict | None = None
    ) -> Answer:
        host, port = self.base.removeprefix("http://").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        # One host name for every instance, as behind their proxy (the sign-in limits no longer
        # depend on it: tests/accounts/test_lockout_keys.py).
        sent = {"Host": "localhost", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            body = urlencode(data or {})
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Answer(response.status, response.headers, text)

    def get(self, path: str, **headers) -> Answer:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, data: dict | None = None, **headers) -> Answer:
        return self.request("POST", path, data, headers)

    def sign_in(self, email: str, password: str) -> Answer:
        """Sign in through the form, as a person would."""
        self.get("/accounts/login/")
        return self.post("/accounts/login/", {"login": email, "password": password})


@contextmanager
def db_worker(env: dict[str, str], queue: str = "*") -> Iterator[subprocess.Popen]:
    """`manage.py db_worker` (the task queue's worker, as `make run` and production start it) on
    the test database; killed afterwards (a computation it is running is abandoned)."""
    with tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False) as log_file:
        log = Path(log_file.name)
    process_env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
        "DEBUG": "0",
        **env,
    }
    command = [sys.executable, "manage.py", "db_worker", "--queue-name", queue, "--no-reload"]
    command += ["--interval", "0.2", "--no-startup-delay"]
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=process_env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        yield process
    finally:
        process.kill()
        process.wait()
        text = log.read_text(errors="replace")
        log.unlink(missing_ok=True)
        assert "Traceback" not in text, f"db_worker failed:\n{text[-4000:]}"
