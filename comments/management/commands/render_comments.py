"""Store the HTML of every comment whose text or renderer changed since."""

from django.core.management.base import BaseCommand

from comments.models import Comment
from comments.rendering import render_stale


class Command(BaseCommand):
    help = (
        "Render the text of comments whose stored HTML is missing or stale "
        "(after an import, a bulk change or a new renderer version)."
    )

    def handle(self, *args, **options):
        count = render_stale(Comment.objects.order_by("pk"))
        if options["verbosity"]:
            self.stdout.write(f"Rendered {count} comment(s).")
