"""Bringing a Disqus export in: each thread's posts become its article's comments.

A thread is matched to an article by its URL: our own article address, an
old WordPress permalink of an imported post (/?p=ID, /2023/06/16/name/), or
a last path segment that is an article's slug. Posts are saved by the
shared CommentSaver, checked by the comment form's rules, and remembered by
their Disqus id (ImportedComment, source "disqus:FORUM"), so a re-import
updates them and never brings back what was erased here.
"""

from collections import Counter
from datetime import timedelta
from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext

from articles.models import Article
from comments.caching import pages_changed
from comments.models import Comment, Discussion

from . import disqus
from .cleaning import comment_values
from .permalinks import articles_at
from .saving import CommentSaver

UNMATCHED_SHOWN = 20


def article_for_link(link):
    """The article a page's URL stands for, or None."""
    parts = urlsplit(link)
    path = unquote(parts.path) or "/"
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if match and match.view_name in {"articles:detail", "articles:comment-page"}:
        return Article.objects.filter(slug=match.kwargs["slug"]).first()
    post_id = parse_qs(parts.query).get("p", [""])[0]
    old = articles_at(path, post_id)
    found = None if old is None else old.order_by("-wordpress__pk").first()
    segment = path.rstrip("/").rpartition("/")[2]
    if found is None and segment:
        found = Article.objects.filter(
            Q(slug=segment) | Q(wordpress__wp_slug=segment)
        ).first()
    return found


class DisqusImporter:
    def __init__(self, source=""):
        self.source = source
        self.saver = None
        self.threads = {}  # Disqus thread id: our article's discussion id, or None
        self.counts = Counter()
        self.unmatched = []  # the first links that matched no article
        self.problems = []  # (Disqus post id, what was fixed)
        days = settings.NEWSROOM_IP_RETENTION_DAYS
        self.retention_cutoff = timezone.now() - timedelta(days=days)

    @transaction.atomic
    def run(self, records):
        for record in records:
            match record:
                case disqus.Forum():
                    self.start_forum(record)
                case disqus.Thread():
                    self.match(record)
                case disqus.Post():
                    self.add(record)
        if self.saver:
            self.saver.finish()
            self.counts.update(self.saver.counts)
            pages_changed(self.saver.touched)

    def start_forum(self, forum):
        self.source = (self.source or f"disqus:{forum.name}")[:200]
        self.saver = CommentSaver(
            source=self.source,
            fields_of=self.comment_fields,
            note=gettext("imported from Disqus"),
            scoped=False,
        )

    def match(self, thread):
        article = article_for_link(thread.link)
        self.threads[thread.source_id] = (
            article and Discussion.objects.for_object(article).pk
        )
        self.counts["threads matched" if article else "threads unmatched"] += 1
        if article is None and len(self.unmatched) < UNMATCHED_SHOWN:
            self.unmatched.append(thread.link)

    def add(self, post):
        if self.saver is None or not self.threads.get(post.thread):
            self.counts["on unmatched threads"] += 1
            return
        self.saver.add(post)

    def comment_fields(self, post):
        status = self.status(post)
        if not post.is_anonymous and post.username:
            self.counts["by registered users"] += 1
        values, problems = comment_values(
            name=post.author_name,
            email=post.author_email,
            website="",
            html=post.message,
            ip=post.ip,
            submitted_at=post.created_at,
            retention_cutoff=self.retention_cutoff,
        )
        self.problems.extend((post.source_id, problem) for problem in problems)
        return {
            **values,
            "discussion_id": self.threads[post.thread],
            "status": status,
            "by_newsroom": False,
        }

    def status(self, post):
        """Spam stays spam; a post deleted on Disqus goes to the trash."""
        if post.is_spam:
            self.counts["spam"] += 1
            return Comment.Status.SPAM
        if post.is_deleted:
            self.counts["deleted on Disqus"] += 1
            return Comment.Status.TRASH
        return Comment.Status.APPROVED
