"""What import_wxr and import_disqus share: a file read safely, a summary."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from .progress import ProgressReader
from .xmlfile import CleanReader, ExportError


class ImportCommand(BaseCommand):
    """Subclasses give `file_help`, `source_help`, and `importer`, `read`,
    `summary` (the importer, the file's records, the summary's lines)."""

    file_help = ""
    source_help = ""

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=self.file_help)
        parser.add_argument("--source", default="", help=self.source_help)

    def handle(self, *args, file, **options):
        importer = self.importer(options)
        try:
            with file.open("rb") as stream:
                reader = CleanReader(self.progress(stream, file, options))
                importer.run(self.read(reader))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except ExportError as error:
            raise CommandError(f"{file}: {error}") from error
        if options["verbosity"] >= 1:
            lines = self.summary(
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
