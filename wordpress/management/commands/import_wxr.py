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

from django.core.management.base import CommandError

from wordpress import wxr
from wordpress.commands import ImportCommand
from wordpress.importer import Importer
from wordpress.summary import summary_lines


def parse_zone(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise CommandError(
            f"Unknown time zone {name!r}: give one like Asia/Almaty "
            "(WordPress: Settings → General → Timezone)."
        ) from error


class Command(ImportCommand):
    help = "Import published posts and their comments from a WordPress export."
    file_help = "The WXR file WordPress exported."
    source_help = "The name re-imports are matched by (default: the site's URL)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--time-zone",
            default="",
            help="The WordPress site's time zone (Settings → General), for dates "
            "the file has no GMT date for (default: learnt from the file's dates).",
        )

    def importer(self, options):
        zone = options["time_zone"]
        return Importer(
            source=options["source"], zone=parse_zone(zone) if zone else None
        )

    def read(self, reader):
        return wxr.read(reader)

    def summary(self, importer, **options):
        return summary_lines(importer, **options)
