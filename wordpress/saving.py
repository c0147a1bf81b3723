"""Imported comments saved in batches, by the ids their old home gave them.

Shared by the WordPress and Disqus imports. Each source id is remembered in
ImportedComment, so a re-import updates instead of adding twice, and never
brings back what was erased or deleted here. Within a batch parents are
saved before replies (one INSERT per level of replies); a reply whose parent
is in an earlier batch finds it by its source id; one whose parent comes
later in the file is linked once the parent is saved. Memory holds one
batch and the ids of the current scope (a WordPress post; for Disqus, whose
posts are not grouped, one batch), never the whole file.
"""

import uuid
from collections import Counter

from django.utils import timezone

from comments.ledger import Actor, Source
from comments.models import Comment, Decision

from .models import ImportedComment

COMMENT_FIELDS = [
    "discussion_id",
    "parent_id",
    "author_name",
    "author_email",
    "author_url",
    "ip_address",
    "submitted_at",
    "body",
    "status",
    "is_removed",
    "by_newsroom",
]


class CommentSaver:
    """`add()` records with `source_id`, `parent` and `user_id`; `finish()`."""

    batch_size = 1000

    def __init__(self, *, source, fields_of, note, scoped=True):
        self.source = source
        self.fields_of = fields_of  # record -> Comment field values
        self.note = note  # the ledger's note on each comment brought in
        self.scoped = scoped
        self.import_id = uuid.uuid4()  # the ledger's batch: decided together
        self.counts = Counter()
        self.touched = set()  # ids of the discussions whose threads changed
        self.batch = []
        self.known = {}  # source ids: our ids (None: deleted here)
        self.orphans = []  # (comment, parent's source id) met before the parent

    def add(self, record):
        self.batch.append(record)
        if len(self.batch) >= self.batch_size:
            self.flush()

    def finish(self):
        """Save what is left and link the replies that came before their parent."""
        self.flush()
        self.remember([parent for _comment, parent in self.orphans])
        self.link_orphans(everyone=True)
        self.known = {}

    def flush(self):
        """Save the batch, parents first, so most replies get theirs at once."""
        records, self.batch = self.batch, []
        if not records:
            return
        if not self.scoped:
            self.known = {}
        imported = self.imported([record.source_id for record in records])
        records = [record for record in records if record.source_id not in self.known]
        waiting = {record.source_id for record in records}
        self.remember(
            [
                record.parent
                for record in records
                if record.parent
                and record.parent not in self.known
                and record.parent not in waiting
            ]
        )
        while records:
            # Ids run in a cycle only in a broken file: then save them all.
            ready = [r for r in records if r.parent not in waiting] or records
            self.save(ready, imported)
            waiting.difference_update(record.source_id for record in ready)
            records = [record for record in records if record.source_id in waiting]
        self.link_orphans()

    def link_orphans(self, everyone=False):
        """Replies saved before their parent, linked once its id is known."""
        linked, waiting = [], []
        for comment, parent_id in self.orphans:
            if everyone or parent_id in self.known:
                parent = self.known.get(parent_id)
                comment.parent_id = parent if parent != comment.pk else None
                linked.append(comment)
            else:
                waiting.append((comment, parent_id))
        Comment.objects.bulk_update(linked, ["parent"], batch_size=500)
        self.orphans = waiting

    def imported(self, source_ids):
        """Our ids for source ids imported before; what was erased stays put."""
        imported = {}
        rows = ImportedComment.objects.filter(source=self.source, wp_id__in=source_ids)
        for source_id, pk, erased in rows.values_list("wp_id", "comment_id", "erased"):
            imported[source_id] = pk
            if erased or pk is None:
                self.counts["erased here" if erased else "deleted here"] += 1
                self.known[source_id] = pk
        return imported

    def remember(self, source_ids):
        """Our ids for parents saved in earlier batches."""
        for start in range(0, len(source_ids), 500):
            chunk = source_ids[start : start + 500]
            self.known.update(
                ImportedComment.objects.filter(
                    source=self.source, wp_id__in=chunk
                ).values_list("wp_id", "comment_id")
            )

    def save(self, records, imported):
        comments = [self.comment(record, imported) for record in records]
        seen = [comment for comment in comments if comment.pk]
        changed, public = changed_comments(seen)
        for comment in changed:
            values = {name: getattr(comment, name) for name in COMMENT_FIELDS}
            Comment.objects.filter(pk=comment.pk).update(**values)
        created = Comment.objects.bulk_create(
            [comment for comment in comments if not comment.pk]
        )
        Decision.objects.record(
            [comment.pk for comment in created],
            status_is="to_status",
            batch=self.import_id,
            created_at=timezone.now(),
            actor=Actor.IMPORTER,
            source=Source.COMMAND,
            note=self.note,
        )
        ImportedComment.objects.bulk_create(
            ImportedComment(
                source=self.source,
                wp_id=record.source_id,
                wp_user_id=record.user_id,
                comment=comment,
            )
            for record, comment in zip(records, comments, strict=True)
            if record.source_id not in imported
        )
        self.known.update(
            (record.source_id, comment.pk)
            for record, comment in zip(records, comments, strict=True)
        )
        self.counts["created"] += len(created)
        self.counts["updated"] += len(changed)
        self.counts["unchanged"] += len(seen) - len(changed)
        # Only what is or was approved changes a public page.
        self.touched.update(comment.discussion_id for comment in public)
        self.touched.update(
            comment.discussion_id
            for comment in created
            if comment.status == Comment.Status.APPROVED
        )

    def comment(self, record, imported):
        pk = imported.get(record.source_id)
        parent = self.known.get(record.parent, imported.get(record.parent))
        comment = Comment(pk=pk, parent_id=parent, **self.fields_of(record))
        if record.parent and parent is None:
            self.orphans.append((comment, record.parent))
        return comment


def changed_comments(comments):
    """The comments whose fields differ from the rows they were read from, and
    those of them that are public before or after (their page then changes)."""
    if not comments:
        return [], []
    stored = Comment.objects.filter(pk__in=[comment.pk for comment in comments])
    rows = {pk: values for pk, *values in stored.values_list("pk", *COMMENT_FIELDS)}
    changed = [
        comment
        for comment in comments
        if rows[comment.pk] != [getattr(comment, name) for name in COMMENT_FIELDS]
    ]
    status = COMMENT_FIELDS.index("status")
    public = [
        comment
        for comment in changed
        if Comment.Status.APPROVED in (rows[comment.pk][status], comment.status)
    ]
    return changed, public
