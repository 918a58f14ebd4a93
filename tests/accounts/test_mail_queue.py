"""Mail goes out through the task queue with retries: a mail server that is down never turns a
sign-up into a 500, and the mail arrives once the server is back (issue 27, point 11).

A real SMTP conversation: first with a port where nothing listens, then with a small SMTP
server of the test's own on another port.
"""

import socket
import socketserver
import threading
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ecareer.accounts.models import User
from tests.conftest import PASSWORD
from tests.worker import run_queued

pytestmark = pytest.mark.django_db


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for Django's backend: EHLO, MAIL, RCPT, DATA, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 test SMTP ready")
        recipients, data = [], []
        while line := self.rfile.readline().decode(errors="replace").rstrip("\r\n"):
            verb = line[:4].upper()
            if verb == "EHLO":
                self.reply("250 test")
            elif verb == "RCPT":
                recipients.append(line.split(":", 1)[1].strip(" <>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go ahead")
                while (body := self.rfile.readline().decode(errors="replace")) != ".\r\n":
                    data.append(body)
                self.server.received.append((recipients, "".join(data)))
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL, RSET, NOOP
                self.reply("250 OK")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _smtp_to(settings, port: int) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _mail_tasks():
    return DBTaskResult.objects.filter(task_path="ecareer.jobs.tasks.deliver_mail")


def test_a_sign_up_with_the_mail_server_down_answers_and_the_mail_is_retried(
    client, settings, smtp_server, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    _smtp_to(settings, _free_port())  # nothing listens there: the connection is refused
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302  # not a 500
    assert User.objects.filter(email="new@example.com").exists()
    [queued] = _mail_tasks()
    assert queued.status == "READY"  # the request only queued the mail

    run_queued()  # the first attempt: refused by the (absent) server
    assert _mail_tasks().count() == 2  # the clock stands still: both were enqueued at once
    first = _mail_tasks().get(status="FAILED")
    retry = _mail_tasks().get(status="READY")
    assert len(first.args_kwargs["args"]) == 1  # the first attempt (attempt=1 by default)
    assert "Connection refused" in first.exception_class_path + first.traceback
    assert retry.status == "READY"
    assert retry.args_kwargs["args"][1] == 2  # the second attempt ...
    wait = (retry.run_after - timezone.now()).total_seconds()
    assert wait == settings.MAIL_RETRY_SECONDS  # ... after 30 s, not at once
    run_queued()
    assert retry.__class__.objects.get(pk=retry.pk).status == "READY"

    _smtp_to(settings, smtp_server.server_address[1])  # the server is back
    time_machine.shift(timedelta(seconds=wait))
    run_queued()
    assert _mail_tasks().get(pk=retry.pk).status == "SUCCESSFUL"
    [(recipients, data)] = smtp_server.received
    assert recipients == ["new@example.com"]
    assert "Subject: ecareer: " in data


def test_after_the_last_attempt_the_mail_is_given_up(client, settings, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    settings.MAIL_ATTEMPTS = 2
    _smtp_to(settings, _free_port())
    client.post(
        "/accounts/signup/",
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    run_queued()
    time_machine.shift(timedelta(seconds=settings.MAIL_RETRY_SECONDS))
    run_queued()
    time_machine.shift(timedelta(days=1))
    run_queued()
    assert [t.status for t in _mail_tasks()] == ["FAILED", "FAILED"]  # two attempts, no third
