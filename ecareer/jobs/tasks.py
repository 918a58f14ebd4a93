"""The tasks the worker runs (`manage.py db_worker`): computations and mail."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.utils import timezone

from ecareer.jobs import computations

logger = logging.getLogger(__name__)

COMPUTATIONS_QUEUE = "computations"
MAIL_QUEUE = "mail"


@task(queue_name=COMPUTATIONS_QUEUE)
def run_computation(pk: int) -> str:
    """Compute one Computation row (see ecareer/jobs/computations.py)."""
    return computations.run(pk)


@task(queue_name=MAIL_QUEUE)
def deliver_mail(message: dict, attempt: int = 1) -> str:
    """Send one mail; when the mail server fails, try again later (MAIL_RETRY_SECONDS apart,
    doubling), MAIL_ATTEMPTS times in all, then give up with the error logged."""
    mail = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        headers=message.get("headers") or None,
    )
    mail.content_subtype = message.get("subtype", "plain")
    for content, mimetype in message.get("alternatives", []):
        mail.attach_alternative(content, mimetype)
    try:
        mail.send()
    except Exception:
        if attempt >= settings.MAIL_ATTEMPTS:
            logger.exception("mail to %s not sent after %d attempts", message["to"], attempt)
            raise
        delay = settings.MAIL_RETRY_SECONDS * 2 ** (attempt - 1)
        logger.warning(
            "mail to %s failed (attempt %d): again in %d s", message["to"], attempt, delay
        )
        deliver_mail.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            message, attempt + 1
        )
        raise
    return "sent"


def queue_mail(mail: EmailMultiAlternatives) -> None:
    """Put a rendered mail on the queue instead of sending it in the request."""
    deliver_mail.enqueue(
        {
            "subject": str(mail.subject),
            "body": str(mail.body),
            "from_email": mail.from_email,
            "to": list(mail.to),
            "subtype": mail.content_subtype,
            "headers": {str(k): str(v) for k, v in (mail.extra_headers or {}).items()},
            "alternatives": [
                [str(alt.content), alt.mimetype] for alt in getattr(mail, "alternatives", [])
            ],
        }
    )
