"""Import a WordPress export (WXR): published posts become articles.

Posts keep their HTML (sanitised), categories and tags (as sections and
tags), author (as the byline), excerpt and Unicode slug; a password-protected
post arrives unpublished. Each post's comments come along with their author,
email, website, IP address, date, text, status and threading, checked by the
comment form's rules. Pingbacks, trackbacks, pages, drafts, private posts,
attachments and other types are skipped and counted; comments deleted in
WordPress since the last import are moved to the trash.

Idempotent: WordPress ids are remembered per site, so importing the same
site again updates what the last import brought in. The file is read as a
stream by a parser that refuses entity tricks; a terminal shows a progress
bar. The import is one transaction: a file that fails part-way changes
nothing.
"""

import zoneinfo
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress import wxr
from wordpress.importer import Importer
from wordpress.progress import ProgressReader
from wordpress.summary import summary_lines
from wordpress.xmlfile import CleanReader, ExportError


def parse_zone(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise CommandError(
            f"Unknown time zone {name!r}: give one like Asia/Almaty "
            "(WordPress: Settings → General → Timezone)."
        ) from error


class Command(BaseCommand):
    help = "Import published posts and their comments from a WordPress export."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The WXR file WordPress exported.")
        parser.add_argument(
            "--source",
            default="",
            help="The name re-imports are matched by (default: the site's URL).",
        )
        parser.add_argument(
            "--time-zone",
            default="",
            help="The WordPress site's time zone (Settings → General), for dates "
            "the file has no GMT date for (default: learnt from the file's dates).",
        )

    def handle(self, *args, file, source, **options):
        zone = options["time_zone"]
        importer = Importer(source=source, zone=parse_zone(zone) if zone else None)
        try:
            with file.open("rb") as stream:
                reader = CleanReader(self.progress(stream, file, options))
                importer.run(wxr.read(reader))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except ExportError as error:
            raise CommandError(f"{file}: {error}") from error
        if options["verbosity"] >= 1:
            lines = summary_lines(
                importer,
                control_characters=reader.removed,
                verbosity=options["verbosity"],
            )
            self.stdout.write(self.style.SUCCESS("\n".join(lines)))

    def progress(self, stream, file, options):
        if options["verbosity"] < 1 or not self.stderr.isatty():
            return stream
        return ProgressReader(
            stream, file.stat().st_size, lambda text: self.stderr.write(text, ending="")
        )
