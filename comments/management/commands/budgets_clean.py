"""Delete the attempt counts of budget windows that have ended.

A count only matters in its own window (see comments/budgets.py); a network
that comes back later starts a new one. Safe to run from cron at any time.
"""

from django.core.management.base import BaseCommand

from comments.budgets import forget_ended_windows


class Command(BaseCommand):
    help = "Delete the attempt counts of budget windows that have ended."

    def handle(self, *args, **options):
        count = forget_ended_windows()
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Deleted {count} ended attempt count(s).")
            )
