"""The task-queue worker of `manage.py db_worker`, run by the tests themselves.

`run_queued()` runs every task that is ready now, in this process and on the test's database
connection (the worker of `db_worker --batch`); `WorkerThread` runs the same loop in a thread
beside the live server of the browser tests. Both are django-tasks-db's own Worker on the real
database backend, not an immediate backend.
"""

import threading
from unittest import mock

from django.db import connections
from django_tasks_db.management.commands import db_worker


def _worker(batch: bool, interval: float) -> db_worker.Worker:
    return db_worker.Worker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"tests-{threading.get_ident()}",
        excluded_queue_names=[],
    )


def run_queued() -> None:
    """Run every ready task now (the worker's between-tasks connection check would close the
    test's transaction, so it is left out here)."""
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        _worker(batch=True, interval=0).run()


class WorkerThread(threading.Thread):
    """A worker polling the queue every `interval` s until `stop()`."""

    def __init__(self, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.worker = _worker(batch=False, interval=interval)

    def run(self) -> None:
        try:
            self.worker.run()
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.worker.running = False
        self.join(timeout=120)


def sent_mail() -> list:
    """The mails sent so far, after the worker has run the queued ones (Django's test outbox)."""
    from django.core import mail

    run_queued()
    return mail.outbox
