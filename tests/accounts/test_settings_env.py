"""Settings helpers fail loudly on bad values; production settings pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ecareer.env import envbool, envint, envlist

ROOT = Path(__file__).resolve().parents[2]


def test_envbool(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    assert envbool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "off")
    assert envbool("X_FLAG") is False
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG='maybe'"):
        envbool("X_FLAG")


def test_envint(monkeypatch):
    monkeypatch.setenv("X_NUM", " 42 ")
    assert envint("X_NUM", "0") == 42
    monkeypatch.setenv("X_NUM", "4x")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        envint("X_NUM", "0")


def test_envlist(monkeypatch):
    monkeypatch.setenv("X_LIST", "a.example, b.example,,")
    assert envlist("X_LIST") == ["a.example", "b.example"]


def _manage(*args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    base.update(env, DJANGO_SETTINGS_MODULE="ecareer.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True
    )


def test_secret_key_required_without_debug():
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_check_deploy_clean_with_production_variables(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-" + "x9Q2" * 12,
        ALLOWED_HOSTS="ecareer.example",
        SECURE_HSTS_PRELOAD="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused-check.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_sqlite_default_uses_wal_and_busy_timeout(tmp_path):
    # A process of its own, so this holds on the PostgreSQL CI run too.
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection as c; cur = c.cursor(); "
        "print(cur.execute('PRAGMA journal_mode').fetchone()[0], "
        "cur.execute('PRAGMA busy_timeout').fetchone()[0])",
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'wal.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000"]


def _setting(name: str, **env) -> subprocess.CompletedProcess:
    return _manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print(settings.{name})",
        DEBUG="1",
        **env,
    )


def test_email_verification_is_optional_unless_the_environment_says_mandatory():
    assert _setting("ACCOUNT_EMAIL_VERIFICATION").stdout.strip() == "optional"
    result = _setting("ACCOUNT_EMAIL_VERIFICATION", ACCOUNT_EMAIL_VERIFICATION=" Mandatory ")
    assert result.stdout.strip() == "mandatory"
    result = _setting("ACCOUNT_EMAIL_VERIFICATION", ACCOUNT_EMAIL_VERIFICATION="sometimes")
    assert result.returncode != 0
    assert "expected one of none, optional, mandatory" in result.stderr


def test_login_failure_limit_comes_from_the_environment():
    result = _setting(
        "ACCOUNT_RATE_LIMITS['login_failed']", LOGIN_FAILURE_LIMIT="3", LOGIN_LOCKOUT_MINUTES="30"
    )
    assert result.stdout.strip() == "3/30m/key,20/m/ip"


@pytest.mark.parametrize(
    "key",
    [
        "x",
        "short-but-not-empty-0123456789",  # 30 characters
        "ab" * 40,  # long, two distinct characters
        "django-insecure-" + "k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8o9p0",  # startproject's
    ],
)
def test_weak_secret_key_stops_start_up_without_debug(key):
    result = _manage("check", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak for DEBUG off" in result.stderr


def test_weak_secret_key_is_fine_with_debug():
    result = _manage("check", SECRET_KEY="x", DEBUG="1")
    assert result.returncode == 0, result.stderr
