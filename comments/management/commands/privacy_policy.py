"""Print the privacy policy's section on comments, for the settings in force.

It states what a comment stores and for how long, with the retention period
read from the settings, so that the published policy never drifts from what
the site does. It only reads.
"""

from django.core.management.base import BaseCommand

from comments.privacy import policy_text


class Command(BaseCommand):
    help = "Print the privacy policy text on comments (Markdown) for these settings."

    def handle(self, *args, **options):
        self.stdout.write(policy_text())
