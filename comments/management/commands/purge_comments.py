"""Delete spam and trash older than COMMENTS_PURGE_AFTER_DAYS (30 by default).

Counted from when each comment was marked as spam or trashed. Safe to run
from cron as often as one likes: a second run finds nothing left to delete.
Each deleted comment is recorded in the decision ledger; one that still has
replies stays as a placeholder so that they keep their place.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from comments.purge import purge_expired


class Command(BaseCommand):
    help = "Delete spam and trashed comments past COMMENTS_PURGE_AFTER_DAYS."

    def handle(self, *args, **options):
        count = purge_expired()
        if options["verbosity"] >= 1:
            days = settings.COMMENTS_PURGE_AFTER_DAYS
            self.stdout.write(
                self.style.SUCCESS(
                    f"Deleted {count} spam or trashed comment(s) older than "
                    f"{days} days."
                )
            )
