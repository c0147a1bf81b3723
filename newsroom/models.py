"""The email queue as editors see it: the task rows that send emails."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from comments.tasks import SEND_EMAIL


class EmailManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(task_path=SEND_EMAIL)


class QueuedEmail(DBTaskResult):
    """One attempt at sending one email (a retry is a row of its own)."""

    objects = EmailManager()

    class Meta:
        proxy = True
        ordering = ["-enqueued_at"]
        verbose_name = _("email")
        verbose_name_plural = _("emails")

    def __str__(self):
        return self.subject

    @property
    def message(self):
        return self.args_kwargs["kwargs"]["message"]

    @property
    def subject(self):
        return self.message["subject"]

    @property
    def recipients(self):
        return ", ".join(self.message["to"])

    @property
    def attempt(self):
        return self.args_kwargs["kwargs"].get("attempt", 1)

    @property
    def gave_up(self):
        return (
            self.status == TaskResultStatus.FAILED
            and self.attempt >= settings.NEWSROOM_EMAIL_ATTEMPTS
        )

    @property
    def error(self):
        """The traceback's last line: the exception and its message."""
        lines = self.traceback.strip().splitlines()
        return lines[-1] if lines else ""
