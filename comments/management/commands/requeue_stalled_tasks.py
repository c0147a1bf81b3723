"""Queue again the tasks (emails) a worker was killed in the middle of.

A worker stopped by SIGKILL, a crash or a power cut leaves the task it was
running marked "running" for ever. `make run`, `make serve` and the worker's
systemd unit run this before the worker starts; it only touches tasks that
started more than five minutes ago, so a worker busy on another server is
left alone.
"""

from django.core.management.base import BaseCommand

from comments.tasks import requeue_stalled


class Command(BaseCommand):
    help = "Queue again the tasks a stopped worker left running."

    def handle(self, *args, **options):
        count = requeue_stalled()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Queued again {count} task(s) left running.")
