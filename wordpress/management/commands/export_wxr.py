"""Export every article and comment as a WordPress export file (WXR 1.2).

WordPress's importer reads it, and so does import_wxr: exporting, then
importing into an empty database, gives the same articles and comments. It
only reads, and writes the file as it goes, so memory stays flat.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wordpress.writer import WxrWriter, articles_with_comments


class Command(BaseCommand):
    help = "Write all articles and comments to a WordPress export (WXR) file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The WXR file to write.")
        parser.add_argument(
            "--site-url",
            default=settings.NEWSROOM_SITE_URL,
            help="The site's address, for links and as the export's source "
            "(default: NEWSROOM_SITE_URL).",
        )

    def handle(self, *args, file, site_url, **options):
        try:
            with file.open("wb") as stream:
                writer = WxrWriter(stream, site_url)
                writer.write(articles_with_comments())
        except OSError as error:
            raise CommandError(f"Cannot write {file}: {error.strerror}.") from error
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Exported {writer.counts['articles']} article(s) and "
                    f"{writer.counts['comments']} comment(s) to {file}."
                )
            )
