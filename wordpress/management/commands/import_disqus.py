"""Import a Disqus export: each thread's posts become its article's comments.

Threads are matched to articles by URL (our article address, an imported
post's old WordPress permalink, or a slug); posts keep their author, email,
address, date, text and threading, checked by the comment form's rules.
Spam stays spam, posts deleted on Disqus go to the trash; threads matching
no article are listed. Idempotent (posts are remembered by their Disqus id),
streamed in flat memory, one transaction.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress import disqus
from wordpress.disqus_import import DisqusImporter
from wordpress.progress import ProgressReader
from wordpress.summary import disqus_lines
from wordpress.xmlfile import CleanReader, ExportError


class Command(BaseCommand):
    help = "Import comments from a Disqus export onto the articles they were on."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The XML file Disqus exported.")
        parser.add_argument(
            "--source",
            default="",
            help="The name re-imports are matched by (default: disqus:FORUM).",
        )

    def handle(self, *args, file, source, **options):
        importer = DisqusImporter(source=source)
        try:
            with file.open("rb") as stream:
                reader = CleanReader(self.progress(stream, file, options))
                importer.run(disqus.read(reader))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except ExportError as error:
            raise CommandError(f"{file}: {error}") from error
        if options["verbosity"] >= 1:
            lines = disqus_lines(
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
