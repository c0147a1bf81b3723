"""Email through the task queue (django-tasks, database backend).

`queue_email` stores a message as a task row in the same transaction as the
change that causes it, so it is kept exactly as long as that change; the
worker (`manage.py db_worker`) sends it. A failed attempt is recorded with
its error and tried again later, each wait three times the one before, until
NEWSROOM_EMAIL_ATTEMPTS attempts have failed; the site's admin lists every
attempt (`newsroom.admin`). Part of the comments app, so that a host project
that installs it sends its emails the same way.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# A send gives up after EMAIL_TIMEOUT (10 s): a task "running" this long
# belongs to a worker that was killed mid-send.
STALLED_AFTER = timedelta(minutes=5)

SEND_EMAIL = f"{__name__}.send_email"


def queued_emails():
    """The task rows that send emails (each attempt is a row of its own)."""
    return DBTaskResult.objects.filter(task_path=SEND_EMAIL)


def queue_email(message: EmailMessage) -> None:
    send_email.enqueue(
        message={
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": list(message.to),
            "headers": dict(message.extra_headers),
        }
    )


@task()
def send_email(*, message: dict, attempt: int = 1) -> None:
    try:
        EmailMessage(**message).send()
    except Exception as error:
        retry_or_give_up(message, attempt, error)
        raise


def retry_or_give_up(message: dict, attempt: int, error: Exception) -> None:
    to = ", ".join(message["to"])
    if attempt >= settings.NEWSROOM_EMAIL_ATTEMPTS:
        logger.error("Email to %s failed %d times; giving up: %r", to, attempt, error)
        return
    delay = retry_delay(attempt)
    send_email.using(run_after=timezone.now() + delay).enqueue(
        message=message, attempt=attempt + 1
    )
    logger.warning(
        "Email to %s failed (attempt %d); next try in %d s: %r",
        to,
        attempt,
        delay.total_seconds(),
        error,
    )


def retry_delay(attempt: int) -> timedelta:
    """The wait after a failed attempt: the first setting's worth, then 3x."""
    return timedelta(seconds=settings.NEWSROOM_EMAIL_RETRY_SECONDS * 3 ** (attempt - 1))


def requeue_stalled(*, now=None) -> int:
    """Put tasks a killed worker left running back in the queue; return how
    many. The email may then go twice, never not at all."""
    cutoff = (now or timezone.now()) - STALLED_AFTER
    stalled = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    count = stalled.update(status=TaskResultStatus.READY, started_at=None)
    if count:
        logger.warning(
            "%d task(s) left running by a stopped worker: queued again.", count
        )
    return count
