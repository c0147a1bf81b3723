"""Export every comment made with an email address, for a data access request.

JSON by default, or CSV whose cells a spreadsheet cannot run as formulas; to
a file with --output, else to standard output. It only reads, so running it
again writes the same file.
"""

import io
from pathlib import Path

from django.core.management.base import BaseCommand

from comments.personal_data import personal_data_export
from comments.privacy import EXPORT_FORMATS


class Command(BaseCommand):
    help = "Export every comment made with an email address, as JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--format",
            choices=sorted(EXPORT_FORMATS),
            default="json",
            dest="file_format",
            help="json (default) or csv.",
        )
        parser.add_argument(
            "-o", "--output", type=Path, help="File to write (default: stdout)."
        )

    def handle(self, *args, email, file_format, output, **options):
        rows = personal_data_export(email)
        _content_type, write = EXPORT_FORMATS[file_format]
        buffer = io.StringIO()
        write(rows, buffer)
        if output:
            output.write_text(buffer.getvalue(), encoding="utf-8", newline="")
        else:
            self.stdout.write(buffer.getvalue(), ending="")
        if options["verbosity"] >= 1:
            self.stderr.write(
                f"Exported {len(rows)} comment(s) made with {email}.",
                style_func=self.style.SUCCESS,
            )
