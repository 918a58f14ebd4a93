"""Test runs sharing one Redis keep their keys apart: a prefix per run, and a clear() that
removes the run's own keys only (Django's RedisCache.clear() would FLUSHDB everything)."""

import subprocess
import sys
import uuid

import redis

from tests.cache import RunScopedRedisCache
from tests.servers.live import ROOT, redis_url


def test_clear_removes_only_the_keys_of_its_own_prefix(monkeypatch):
    # A private redis-server: on a shared one another run's FLUSHDB could empty it meanwhile.
    monkeypatch.delenv("REDIS_URL", raising=False)
    with redis_url() as url:
        mine, theirs = (f"scope-test-{uuid.uuid4().hex[:8]}" for _ in range(2))
        own = RunScopedRedisCache(url, {"KEY_PREFIX": mine})
        other = RunScopedRedisCache(url, {"KEY_PREFIX": theirs})
        raw = redis.Redis.from_url(url)
        unrelated = f"unrelated-{uuid.uuid4().hex[:8]}"
        try:
            own.set_many({f"k{i}": i for i in range(1200)})  # more than one SCAN page
            other.set("count", 7)
            raw.set(unrelated, "kept")
            own.clear()
            assert own.get("k0") is None and own.get("k1199") is None
            assert list(raw.scan_iter(match=f"{mine}:*")) == []
            assert other.get("count") == 7
            assert raw.get(unrelated) == b"kept"
        finally:
            other.clear()
            raw.delete(unrelated)


def test_each_run_with_redis_gets_a_prefix_of_its_own():
    code = (
        "import tests.settings as s; c = s.CACHES['default']; print(c['BACKEND'], c['KEY_PREFIX'])"
    )
    env = {"REDIS_URL": "redis://127.0.0.1:6379/0", "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    lines = [run.stdout.split() for run in runs]
    assert all(run.returncode == 0 for run in runs), runs[0].stderr[-2000:]
    assert {backend for backend, _prefix in lines} == {"tests.cache.RunScopedRedisCache"}
    assert lines[0][1] != lines[1][1]
    assert all(prefix.startswith("ecareer-test-") for _backend, prefix in lines)
