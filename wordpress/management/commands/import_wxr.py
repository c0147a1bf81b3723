"""Import a WordPress export (WXR): published posts become articles.

Each post's comments come along with their author, email, website, IP
address, date, text, status (approved, pending, spam or trash) and threading.
Pingbacks and trackbacks are skipped and counted, as are pages, drafts and
the rest of what is not a published post.

Idempotent: WordPress ids are remembered per site, so importing the same
site again updates what the last import brought in. The file is read as a
stream by a parser that refuses entity tricks; a terminal shows a progress
bar. The import is one transaction: a file that fails part-way changes
nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress import wxr
from wordpress.importer import Importer
from wordpress.progress import ProgressReader


class Command(BaseCommand):
    help = "Import published posts and their comments from a WordPress export."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The WXR file WordPress exported.")
        parser.add_argument(
            "--source",
            default="",
            help="The name re-imports are matched by (default: the site's URL).",
        )

    def handle(self, *args, file, source, **options):
        importer = Importer(source=source)
        try:
            with file.open("rb") as stream:
                importer.run(wxr.read(self.progress(stream, file, options)))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except wxr.WxrError as error:
            raise CommandError(f"{file}: {error}") from error
        if options["verbosity"] >= 1:
            self.report(importer)

    def progress(self, stream, file, options):
        if options["verbosity"] < 1 or not self.stderr.isatty():
            return stream
        return ProgressReader(
            stream, file.stat().st_size, lambda text: self.stderr.write(text, ending="")
        )

    def report(self, importer):
        articles, comments = importer.articles, importer.comments
        self.stdout.write(
            self.style.SUCCESS(
                f"Articles: {articles['created']} created, {articles['updated']} "
                f"updated, {articles['unchanged']} unchanged, {articles['skipped']} "
                "skipped (not published posts).\n"
                f"Comments: {comments['created']} created, {comments['updated']} "
                f"updated, {comments['unchanged']} unchanged; skipped: "
                f"{comments['pingback']} pingbacks, "
                f"{comments['trackback']} trackbacks, {comments['other type']} "
                f"of other types, {comments['on skipped posts']} on skipped posts."
            )
        )
