"""A production-like ecareer on 127.0.0.1 for the benches: `gunicorn -w 2`, DEBUG off.

`running_server()` prepares a SQLite file and collected static files in a temporary folder
(migrated; one user with the online-shop starter over `horizon` months and a share link; a
signed-in session), starts gunicorn with ./gunicorn.conf.py on a free port, and stops it again.
The preparing runs in a child process (`python bench/server.py --prepare N`) so the bench's own
process stays free of Django and spends its time on the load.
"""

import dataclasses
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclasses.dataclass(frozen=True)
class Server:
    port: int
    session_cookie: str  # "sessionid=…" of the signed-in user
    scenario_url: str
    report_url: str
    pid: int = 0  # gunicorn's master process; its workers are its children

    def workers_cpu_seconds(self) -> float:
        """CPU time (user + system) its workers have used so far, from /proc (Linux)."""
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:  # a process that ended meanwhile
                continue
            if int(fields[1]) == self.pid:  # ppid; then utime, stime at 14 and 15 (1-based)
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def bench_environment(tmp: Path) -> dict[str, str]:
    """Production settings with DEBUG off, a bench secret key, SQLite and static in `tmp`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CACHE_URL", "REDIS_URL", "DB_CONN_MAX_AGE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-" + "b3nch" * 10,
        DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
        BENCH_STATIC_ROOT=str(tmp / "static"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(process: subprocess.Popen, port: int, timeout: float = 90) -> None:
    """Poll /healthz until it answers 200; fail if gunicorn exits or takes too long."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)  # polling a starting server, not a timed measurement
    raise RuntimeError(f"gunicorn did not answer on port {port} within {timeout:.0f} s")


@contextmanager
def running_server(horizon: int = 36, workers: int = 2) -> Iterator[Server]:
    """Prepare the data, start `gunicorn -w workers` on a free port, yield it, stop it."""
    with tempfile.TemporaryDirectory(prefix="ecareer-bench-") as tmp:
        env = bench_environment(Path(tmp))
        prepared = subprocess.run(
            [sys.executable, str(Path(__file__)), "--prepare", str(horizon)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if prepared.returncode:
            raise RuntimeError(f"preparing the bench database failed:\n{prepared.stderr}")
        data = json.loads(prepared.stdout.strip().splitlines()[-1])
        port = free_port()
        command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-c", "gunicorn.conf.py"]
        command += ["-b", f"127.0.0.1:{port}", "--log-level", "warning", "ecareer.wsgi"]
        process = subprocess.Popen(command, cwd=ROOT, env=env)
        try:
            wait_until_up(process, port)
            yield Server(port=port, pid=process.pid, **data)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def prepare(horizon: int) -> dict[str, str]:
    """Migrate, collect static files, and make the user, scenario, share link and session."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from ecareer.accounts.models import User
    from ecareer.planning import convert
    from ecareer.sharing.models import ShareLink
    from ecareer.starters import load_starter

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    user = User.objects.create_user("bench@example.com", "bench password 12345")
    plan = dataclasses.replace(load_starter("online_shop"), horizon_months=horizon)
    scenario = convert.create_scenario(user, plan)
    link = ShareLink.objects.create(scenario=scenario)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {
        "session_cookie": f"{settings.SESSION_COOKIE_NAME}={session}",
        "scenario_url": scenario.get_absolute_url(),
        "report_url": link.get_absolute_url(),
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--prepare"]:
        print(json.dumps(prepare(int(sys.argv[2]))))
    else:
        sys.exit("usage: python bench/server.py --prepare HORIZON (run by the benches)")
