"""Bringing a WordPress export in: published posts become articles, comments follow.

WordPress ids are remembered per site (ImportedPost, ImportedComment), so
importing the same site again updates what came before instead of adding it
twice. Comments are written in batches, parents before replies; a reply whose
parent comes in a later batch gets it once the post is done.
"""

import ipaddress
from collections import Counter
from datetime import timedelta
from html import unescape
from urllib.parse import unquote

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from articles.models import Article
from comments.caching import pages_changed
from comments.ledger import Actor, Source
from comments.models import Comment, Decision
from comments.privacy import truncate_ip

from . import content, wxr
from .models import ImportedComment, ImportedPost

PUBLISHED = {"publish", "future"}
COMMENT_TYPES = {"", "comment"}
LINK_NOTICES = {"pingback", "trackback"}
STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "post-trashed": Comment.Status.TRASH,
}
COMMENT_FIELDS = [
    "article_id",
    "parent_id",
    "author_name",
    "author_email",
    "author_url",
    "ip_address",
    "submitted_at",
    "body",
    "status",
    "is_removed",
]


class Importer:
    batch_size = 1000

    def __init__(self, source=""):
        self.source = source
        self.articles = Counter()
        self.comments = Counter()
        days = settings.NEWSROOM_IP_RETENTION_DAYS
        self.retention_cutoff = timezone.now() - timedelta(days=days)
        self.article = None
        self.batch = []
        self.known = {}  # the current post's WordPress comment ids: our ids
        self.orphans = []  # (comment, WordPress parent id) met before the parent
        self.changed_pages = set()  # articles whose public page this changed

    @transaction.atomic
    def run(self, records):
        for record in records:
            match record:
                case wxr.Site():
                    self.start_site(record)
                case wxr.Post():
                    self.finish_post()
                    self.start_post(record)
                case wxr.Comment():
                    self.add_comment(record)
        self.finish_post()
        pages_changed(self.changed_pages)

    def start_site(self, site):
        self.source = (self.source or site.url)[:200]
        if not self.source:
            raise wxr.WxrError(
                "The export names no site (wp:base_site_url); name one with --source."
            )

    def start_post(self, post):
        self.article, self.known, self.orphans = None, {}, []
        if post.post_type != "post" or post.status not in PUBLISHED:
            self.articles["skipped"] += 1
            return
        fields = article_fields(post)
        imported = (
            ImportedPost.objects.filter(source=self.source, wp_id=post.wp_id)
            .select_related("article")
            .first()
        )
        if imported:
            self.article = imported.article
            changed = [
                name for name in fields if getattr(self.article, name) != fields[name]
            ]
            for name in changed:
                setattr(self.article, name, fields[name])
            self.article.save(update_fields=changed)
            if changed:
                self.changed_pages.add(self.article.pk)
            self.articles["updated" if changed else "unchanged"] += 1
            return
        slug = Article.objects.unique_slug(unquote(post.slug) or fields["title"])
        self.article = Article.objects.create(slug=slug, **fields)
        ImportedPost.objects.create(
            source=self.source, wp_id=post.wp_id, article=self.article
        )
        self.articles["created"] += 1

    def add_comment(self, record):
        if self.article is None:
            self.comments["on skipped posts"] += 1
        elif record.comment_type in LINK_NOTICES:
            self.comments[record.comment_type] += 1
        elif record.comment_type not in COMMENT_TYPES:
            self.comments["other type"] += 1
        else:
            self.batch.append(record)
            if len(self.batch) >= self.batch_size:
                self.flush()

    def flush(self):
        """Save the batch, parents first, so most replies get theirs at once."""
        records, self.batch = self.batch, []
        imported = dict(
            ImportedComment.objects.filter(
                source=self.source, wp_id__in=[record.wp_id for record in records]
            ).values_list("wp_id", "comment_id")
        )
        waiting = {record.wp_id for record in records}
        while records:
            # Ids run in a cycle only in a broken file: then save them all.
            ready = [r for r in records if r.parent not in waiting] or records
            self.save(ready, imported)
            waiting.difference_update(record.wp_id for record in ready)
            records = [record for record in records if record.wp_id in waiting]

    def save(self, records, imported):
        comments = [
            self.comment(record, imported.get(record.wp_id)) for record in records
        ]
        seen = [comment for comment in comments if comment.pk]
        changed, public = changed_comments(seen)
        for comment in changed:
            values = {name: getattr(comment, name) for name in COMMENT_FIELDS}
            Comment.objects.filter(pk=comment.pk).update(**values)
        created = Comment.objects.bulk_create(
            [comment for comment in comments if not comment.pk]
        )
        if public or any(c.status == Comment.Status.APPROVED for c in created):
            self.changed_pages.add(self.article.pk)
        Decision.objects.bulk_create(
            Decision(
                comment=comment,
                actor=Actor.IMPORTER,
                source=Source.COMMAND,
                to_status=comment.status,
                note=gettext("imported from WordPress"),
            )
            for comment in created
        )
        ImportedComment.objects.bulk_create(
            ImportedComment(source=self.source, wp_id=record.wp_id, comment=comment)
            for record, comment in zip(records, comments, strict=True)
            if record.wp_id not in imported
        )
        self.known.update(
            (record.wp_id, comment.pk)
            for record, comment in zip(records, comments, strict=True)
        )
        self.comments["created"] += len(created)
        self.comments["updated"] += len(changed)
        self.comments["unchanged"] += len(seen) - len(changed)

    def comment(self, record, pk):
        parent = self.known.get(record.parent)
        comment = Comment(
            pk=pk,
            article=self.article,
            parent_id=parent,
            **comment_fields(record, self.retention_cutoff),
        )
        if record.parent and parent is None:
            self.orphans.append((comment, record.parent))
        return comment

    def finish_post(self):
        if self.batch:
            self.flush()
        for comment, wp_parent in self.orphans:
            parent = self.known.get(wp_parent)
            comment.parent_id = parent if parent != comment.pk else None
        Comment.objects.bulk_update(
            [comment for comment, _wp_parent in self.orphans], ["parent"]
        )


def changed_comments(comments):
    """The comments whose fields differ from the rows they were read from, and
    whether any of them is public before or after (its page then changes)."""
    stored = Comment.objects.filter(pk__in=[comment.pk for comment in comments])
    rows = {pk: values for pk, *values in stored.values_list("pk", *COMMENT_FIELDS)}
    changed = [
        comment
        for comment in comments
        if rows[comment.pk] != [getattr(comment, name) for name in COMMENT_FIELDS]
    ]
    status = COMMENT_FIELDS.index("status")
    public = any(
        Comment.Status.APPROVED in (rows[comment.pk][status], comment.status)
        for comment in changed
    )
    return changed, public


def article_fields(post):
    return {
        "title": clip(Article, "title", content.html_to_text(post.title))
        or gettext("Untitled"),
        "body": content.html_to_text(post.content),
        "status": Article.Status.PUBLISHED,
        "published_at": post.date,
        "comments_open": post.comment_status == "open",
    }


def comment_fields(record, retention_cutoff):
    body = content.html_to_text(record.content)
    return {
        "author_name": clip(Comment, "author_name", unescape(record.author).strip())
        or gettext("Anonymous"),
        "author_email": clip(Comment, "author_email", record.email),
        "author_url": clip(Comment, "author_url", record.url),
        "ip_address": ip_address(record.ip, record.date < retention_cutoff),
        "submitted_at": record.date,
        "body": body,
        "status": STATUSES.get(record.approved, Comment.Status.PENDING),
        "is_removed": not body,
    }


def clip(model, name, value):
    return value[: model._meta.get_field(name).max_length]


def ip_address(value, past_retention):
    """A valid address, truncated if kept past retention; None otherwise."""
    try:
        address = str(ipaddress.ip_address(value))
    except ValueError:
        return None
    return truncate_ip(address) if past_retention else address
