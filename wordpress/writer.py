"""Writing every article and comment as a WordPress export (WXR 1.2).

The file streams out as it is written, two queries in all, and reads back
with WordPress's importer or with our own import_wxr.
"""

import re
from collections import Counter
from datetime import UTC
from email.utils import format_datetime
from html import escape
from itertools import groupby
from operator import attrgetter
from xml.sax.saxutils import XMLGenerator

from django.conf import settings
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

from . import content
from .wxr import DATE_FORMAT

NAMESPACES = {
    "xmlns:excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
    "xmlns:wfw": "http://wellformedweb.org/CommentAPI/",
    "xmlns:dc": "http://purl.org/dc/elements/1.1/",
    "xmlns:wp": "http://wordpress.org/export/1.2/",
}
APPROVED = {
    Comment.Status.APPROVED: "1",
    Comment.Status.PENDING: "0",
    Comment.Status.SPAM: "spam",
    Comment.Status.TRASH: "trash",
}
# Characters XML 1.0 cannot carry, even escaped.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def articles_with_comments():
    """Every article with its comments, oldest first, in two streamed queries."""
    comments = Comment.objects.order_by("article_id", "pk").iterator(chunk_size=2000)
    threads = groupby(comments, key=attrgetter("article_id"))
    thread = next(threads, None)
    for article in Article.objects.order_by("pk").iterator(chunk_size=2000):
        if thread and thread[0] == article.pk:
            yield article, thread[1]
            thread = next(threads, None)
        else:
            yield article, ()


class WxrWriter:
    def __init__(self, stream, site_url):
        self.xml = XMLGenerator(stream, encoding="utf-8", short_empty_elements=True)
        self.site_url = site_url.rstrip("/")
        self.counts = Counter()

    def write(self, threads):
        self.xml.startDocument()
        self.open("rss", {"version": "2.0", **NAMESPACES})
        self.open("channel")
        self.fields(self.channel_fields())
        for article, comments in threads:
            self.open("item")
            self.fields(self.post_fields(article))
            self.counts["articles"] += 1
            for comment in comments:
                self.open("wp:comment")
                self.fields(comment_fields(comment))
                self.close("wp:comment")
                self.counts["comments"] += 1
            self.close("item")
        self.close("channel")
        self.close("rss")
        self.xml.endDocument()

    def open(self, name, attrs=None):
        self.xml.startElement(name, attrs or {})
        self.xml.ignorableWhitespace("\n")

    def close(self, name):
        self.xml.endElement(name)
        self.xml.ignorableWhitespace("\n")

    def fields(self, pairs):
        for name, value in pairs:
            self.xml.startElement(name, {})
            self.xml.characters(NOT_XML.sub("", str(value)))
            self.close(name)

    def channel_fields(self):
        return [
            ("title", "Newsroom"),
            ("link", self.site_url),
            ("description", ""),
            ("pubDate", format_datetime(timezone.now())),
            ("language", settings.LANGUAGE_CODE),
            ("wp:wxr_version", "1.2"),
            ("wp:base_site_url", self.site_url),
            ("wp:base_blog_url", self.site_url),
            ("generator", "Newsroom"),
        ]

    def post_fields(self, article):
        link = self.site_url + article.get_absolute_url()
        return [
            ("title", escape(article.title)),
            ("link", link),
            ("pubDate", format_datetime(article.published_at)),
            ("dc:creator", ""),
            ("guid", link),
            ("description", ""),
            ("content:encoded", content.paragraphs_to_html(article.paragraphs)),
            ("excerpt:encoded", ""),
            ("wp:post_id", article.pk),
            ("wp:post_date", local_date(article.published_at)),
            ("wp:post_date_gmt", gmt_date(article.published_at)),
            ("wp:comment_status", "open" if article.comments_open else "closed"),
            ("wp:ping_status", "closed"),
            ("wp:post_name", article.slug),
            ("wp:status", post_status(article)),
            ("wp:post_parent", 0),
            ("wp:menu_order", 0),
            ("wp:post_type", "post"),
            ("wp:post_password", ""),
            ("wp:is_sticky", 0),
        ]


def comment_fields(comment):
    return [
        ("wp:comment_id", comment.pk),
        ("wp:comment_author", escape(comment.author_name)),
        ("wp:comment_author_email", comment.author_email),
        ("wp:comment_author_url", comment.author_url),
        ("wp:comment_author_IP", comment.ip_address or ""),
        ("wp:comment_date", local_date(comment.submitted_at)),
        ("wp:comment_date_gmt", gmt_date(comment.submitted_at)),
        ("wp:comment_content", escape(comment.body)),
        ("wp:comment_approved", APPROVED[comment.status]),
        ("wp:comment_type", "comment"),
        ("wp:comment_parent", comment.parent_id or 0),
        ("wp:comment_user_id", 0),
    ]


def post_status(article):
    if article.status != Article.Status.PUBLISHED:
        return "draft"
    return "publish" if article.is_published else "future"


def local_date(moment):
    return timezone.localtime(moment).strftime(DATE_FORMAT)


def gmt_date(moment):
    return moment.astimezone(UTC).strftime(DATE_FORMAT)
