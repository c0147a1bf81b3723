"""Import a Disqus export: each thread's posts become its article's comments.

Threads are matched to articles by URL (our article address, an imported
post's old WordPress permalink, or a slug); posts keep their author, email,
address, date, text and threading, checked by the comment form's rules.
Spam stays spam, posts deleted on Disqus go to the trash; threads matching
no article are listed. Idempotent (posts are remembered by their Disqus id),
streamed in flat memory, one transaction.
"""

from wordpress import disqus
from wordpress.commands import ImportCommand
from wordpress.disqus_import import DisqusImporter
from wordpress.summary import disqus_lines


class Command(ImportCommand):
    help = "Import comments from a Disqus export onto the articles they were on."
    file_help = "The XML file Disqus exported."
    source_help = "The name re-imports are matched by (default: disqus:FORUM)."

    def importer(self, options):
        return DisqusImporter(source=options["source"])

    def read(self, reader):
        return disqus.read(reader)

    def summary(self, importer, **options):
        return disqus_lines(importer, **options)
