"""Where several servers run, TASKS_REDIS_URL puts the task queue on Redis with RQ
(django-tasks-rq): the same computations and mails, run by `manage.py rqworker`.

A private redis-server of the test (RQ's keys have no prefix of the run), the test database,
and a real `rqworker --burst` process running what the page queued.
"""

import os
import subprocess
import sys
from datetime import timedelta

import django_rq
import pytest
from django.urls import reverse
from django.utils import timezone
from rq.registry import ScheduledJobRegistry

from ecareer.jobs.models import Computation
from ecareer.jobs.tasks import deliver_mail
from ecareer.planning import convert
from tests.planning.test_dashboard_views import hand_worked_plan
from tests.servers.live import ROOT, database_url, redis_url

pytestmark = [pytest.mark.multiserver, pytest.mark.django_db(transaction=True)]
HX = {"HX-Request": "true"}


@pytest.fixture
def rq_url(monkeypatch, settings, cache_table):
    """The settings of TASKS_REDIS_URL, on a private redis-server."""
    monkeypatch.delenv("REDIS_URL", raising=False)
    with redis_url() as url:
        settings.TASKS = {
            "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": settings.TASK_QUEUES}
        }
        settings.RQ_QUEUES = {name: {"URL": url} for name in settings.TASK_QUEUES}
        yield url


def _rqworker(url: str) -> subprocess.CompletedProcess:
    """`manage.py rqworker --burst`: runs what is queued, then exits."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
        "DEBUG": "0",
        "DATABASE_URL": database_url(),
        "TASKS_REDIS_URL": url,
        "REDIS_URL": "",
    }
    command = [sys.executable, "manage.py", "rqworker", "computations", "mail", "--burst"]
    command += ["--job-class", "django_tasks_rq.Job"]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_rq_workers_compute_what_the_page_asked_for(rq_url, owner, owner_client):
    scenario = convert.create_scenario(owner, hand_worked_plan())
    url = reverse("planning:what_matters", args=[scenario.pk])
    first = owner_client.get(url, headers=HX).content.decode()
    assert "data-job-progress" in first
    assert django_rq.get_queue("computations").count == 1  # on Redis, not in the database
    done = _rqworker(rq_url)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert Computation.objects.get().status == "done"
    answered = owner_client.get(f"{url}?job={Computation.objects.get().pk}", headers=HX)
    assert 'id="chart-matters-balance"' in answered.content.decode()


def test_a_mail_retry_is_scheduled_on_rq(rq_url):
    later = timezone.now() + timedelta(seconds=30)
    deliver_mail.using(run_after=later).enqueue({"subject": "s", "body": "b"}, 2)
    scheduled = ScheduledJobRegistry(queue=django_rq.get_queue("mail"))
    assert scheduled.count == 1
    assert django_rq.get_queue("mail").count == 0  # not before its time
