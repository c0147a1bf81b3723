"""Emails go through the task queue: stored with the comment, sent by the worker."""

import io
import os
import secrets
import socket
import subprocess
import sys
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase, override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus

from bench.ports import free_port
from comments.tasks import queue_email, retry_delay
from newsroom.models import QueuedEmail
from tests.factories import comment_data, make_article, make_editor, run_worker

URL = "/articles/a-test-article/"
POST_URL = "/articles/a-test-article/comments/"
EMAILS = "/admin/newsroom/queuedemail/"


class FlakyBackend(BaseEmailBackend):
    """A mail server that fails once, then works."""

    failures = 1

    def send_messages(self, messages):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise ConnectionResetError("the mail server hung up")
        mail.outbox.extend(messages)
        return len(messages)


@override_settings(COMMENTS_FLOOD_SECONDS=0)
class EmailQueueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.editor = make_editor()

    def post(self):
        page = self.client.get(URL)
        return self.client.post(POST_URL, comment_data(page))

    def test_posting_queues_the_email_and_the_worker_sends_it(self):
        response = self.post()
        assert response.status_code == 302
        assert mail.outbox == []
        [email] = QueuedEmail.objects.all()
        assert email.status == TaskResultStatus.READY
        assert email.recipients == "editor@newsroom.example"
        run_worker()
        [message] = mail.outbox
        assert message.subject == email.subject
        assert message.subject.startswith("Held for moderation: Aigerim")
        email.refresh_from_db()
        assert email.status == TaskResultStatus.SUCCESSFUL

    @override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
    )
    def test_posting_never_waits_on_the_mail_server(self):
        silent = socket.create_server(("127.0.0.1", 0))  # accepts, never answers
        with silent, self.settings(EMAIL_PORT=silent.getsockname()[1]):
            response = self.post()
        assert response.status_code == 302
        [email] = QueuedEmail.objects.all()
        assert (email.status, email.started_at) == (TaskResultStatus.READY, None)

    @override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),  # nothing listens: refused
        NEWSROOM_EMAIL_ATTEMPTS=3,
    )
    def test_a_mail_server_that_is_down_is_retried_then_shown_to_editors(self):
        self.post()
        with self.assertLogs("comments.tasks", "WARNING") as logs:
            run_worker()
        first = QueuedEmail.objects.get(status=TaskResultStatus.FAILED)
        retry = QueuedEmail.objects.get(status=TaskResultStatus.READY)
        assert retry.attempt == 2
        assert retry.run_after >= first.started_at + timedelta(seconds=60)
        assert "ConnectionRefusedError" in first.error
        assert "failed (attempt 1); next try in 60 s" in logs.output[0]
        self.wait_for_the_retries()
        assert QueuedEmail.objects.filter(status=TaskResultStatus.FAILED).count() == 3
        assert mail.outbox == []
        self.client.force_login(self.editor)
        response = self.client.get(f"{EMAILS}?status__exact=FAILED")
        self.assertContains(response, "gave up", count=1)
        self.assertContains(response, "failed; tried again later", count=2)
        self.assertContains(response, "ConnectionRefusedError", count=3)
        self.assertContains(response, "editor@newsroom.example", count=3)

    def wait_for_the_retries(self):
        """Let each retry's wait pass (3 min, then 9), running the worker."""
        with self.assertLogs("comments.tasks", "WARNING") as logs:
            for _ in range(2):
                QueuedEmail.objects.filter(status=TaskResultStatus.READY).update(
                    run_after=timezone.now()
                )
                run_worker()
        assert "failed (attempt 2); next try in 180 s" in logs.output[0]
        assert "failed 3 times; giving up" in logs.output[1]

    @override_settings(
        EMAIL_BACKEND="tests.test_tasks.FlakyBackend", NEWSROOM_EMAIL_RETRY_SECONDS=0
    )
    def test_an_email_that_failed_once_is_sent_by_its_retry(self):
        FlakyBackend.failures = 1
        self.post()
        with self.assertLogs("comments.tasks", "WARNING"):
            run_worker()
        assert len(mail.outbox) == 1
        assert sorted(QueuedEmail.objects.values_list("status", flat=True)) == [
            TaskResultStatus.FAILED,
            TaskResultStatus.SUCCESSFUL,
        ]

    def test_editors_see_the_queue_but_cannot_change_it(self):
        self.post()
        email = QueuedEmail.objects.get()
        self.client.force_login(self.editor)
        page = self.client.get(f"{EMAILS}{email.pk}/change/")
        self.assertContains(page, "Held for moderation: Aigerim")
        self.assertContains(page, "waiting")
        self.assertNotContains(page, 'name="_save"')
        self.assertContains(self.client.get("/admin/"), f'href="{EMAILS}"')


class RetryDelayTests(SimpleTestCase):
    def test_each_wait_is_three_times_the_one_before(self):
        assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 7)] == [
            60,
            180,
            540,
            60 * 3**6,
        ]


class RestartTests(SimpleTestCase):
    """A real restart: one process queues and stops, another sends."""

    def run_python(self, env, *args):
        return subprocess.run(
            [sys.executable, *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )

    def test_an_email_queued_before_a_restart_is_sent_after_it(self):
        with tempfile.TemporaryDirectory() as folder:
            env = {
                "PATH": os.environ["PATH"],
                "DJANGO_SETTINGS_MODULE": "newsroom.settings",
                "ENV_FILE": "",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "HTTPS": "0",
                "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
                "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            }
            self.run_python(env, "manage.py", "migrate", "--no-input")
            self.run_python(env, "-c", QUEUE_AND_STOP)
            worker = self.run_python(
                env, "manage.py", "db_worker", "--batch", "--no-startup-delay"
            )
        assert "Subject: Sent after a restart" in worker.stdout
        assert "To: reader@example.com" in worker.stdout


QUEUE_AND_STOP = """
import django
django.setup()
from django.core.mail import EmailMessage
from comments.tasks import queue_email
queue_email(EmailMessage("Sent after a restart", "Body", to=["reader@example.com"]))
"""


class StalledTaskTests(TestCase):
    """A worker killed mid-send leaves its task "running": it is queued again."""

    def queued_and_claimed(self, minutes_ago):
        queue_email(EmailMessage("Stalled", "Body", to=["reader@example.com"]))
        task = QueuedEmail.objects.latest("enqueued_at")
        task.claim("a-killed-worker")
        QueuedEmail.objects.filter(pk=task.pk).update(
            started_at=timezone.now() - timedelta(minutes=minutes_ago)
        )
        return task

    def test_a_task_left_running_is_sent_after_the_command(self):
        self.queued_and_claimed(minutes_ago=30)
        run_worker()
        assert mail.outbox == []  # a running task is nobody else's to take
        out = io.StringIO()
        call_command("requeue_stalled_tasks", stdout=out)
        assert out.getvalue() == "Queued again 1 task(s) left running.\n"
        run_worker()
        [message] = mail.outbox
        assert message.subject == "Stalled"

    def test_a_task_another_worker_just_started_is_left_alone(self):
        task = self.queued_and_claimed(minutes_ago=1)
        call_command("requeue_stalled_tasks", verbosity=0)
        task.refresh_from_db()
        assert task.status == TaskResultStatus.RUNNING
