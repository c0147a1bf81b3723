"""Trim commenters' connection data once it is past the retention period.

Comments older than NEWSROOM_IP_RETENTION_DAYS (60 by default) keep only the
network part of their IP address (IPv4 /24, IPv6 /48) and lose their user
agent; readers' reports of comments that old forget the IP address they came
from. What was trimmed already is skipped, so it is cheap and safe to run
daily from cron.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from comments.personal_data import retention_apply, retention_apply_reports


class Command(BaseCommand):
    help = "Truncate IP addresses and drop user agents past the retention period."

    def handle(self, *args, **options):
        count, reports = retention_apply(), retention_apply_reports()
        if options["verbosity"] >= 1:
            days = settings.NEWSROOM_IP_RETENTION_DAYS
            self.stdout.write(
                self.style.SUCCESS(
                    f"Trimmed the IP address and user agent of {count} comment(s) "
                    f"and the IP address of {reports} report(s) older than "
                    f"{days} days."
                )
            )
