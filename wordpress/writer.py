"""Writing every article and comment as a WordPress export (WXR 1.2).

The file streams out as it is written, in a fixed number of queries, shaped
like WordPress's own export (authors, categories and tags first, then each
post with its comments), and reads back with WordPress's importer or with
our own import_wxr.
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
from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Section, Tag
from comments.hosts import discussion_of, with_discussion
from comments.models import Comment, Discussion

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
    """Every article with its comments, oldest first, in streamed queries."""
    on_articles = Discussion.objects.filter(
        content_type=ContentType.objects.get_for_model(Article)
    )
    comments = (
        Comment.objects.filter(discussion__in=on_articles)
        .annotate(article_id=Cast("discussion__object_id", BigIntegerField()))
        .order_by("article_id", "pk")
        .iterator(chunk_size=2000)
    )
    threads = groupby(comments, key=attrgetter("article_id"))
    thread = next(threads, None)
    articles = with_discussion(
        Article.objects.prefetch_related("sections", "tags").order_by("pk")
    )
    for article in articles.iterator(chunk_size=2000):
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
        self.write_authors()
        self.write_terms()
        self.fields([("generator", "Newsroom")])
        for article, comments in threads:
            self.open("item")
            self.fields(self.post_fields(article))
            self.write_categories(article)
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

    def write_authors(self):
        """One wp:author per byline, so that every post has a known creator."""
        bylines = Article.objects.order_by("byline").values_list("byline", flat=True)
        self.logins = {}
        for number, byline in enumerate(bylines.distinct(), start=1):
            login = slugify(byline or "newsroom") or f"author-{number}"
            self.logins[byline] = login
            self.open("wp:author")
            self.fields(
                [
                    ("wp:author_id", number),
                    ("wp:author_login", login),
                    ("wp:author_email", ""),
                    ("wp:author_display_name", text(byline)),
                    ("wp:author_first_name", ""),
                    ("wp:author_last_name", ""),
                ]
            )
            self.close("wp:author")

    def write_terms(self):
        for number, section in enumerate(Section.objects.all(), start=1):
            self.open("wp:category")
            self.fields(
                [
                    ("wp:term_id", number),
                    ("wp:category_nicename", section.slug),
                    ("wp:category_parent", ""),
                    ("wp:cat_name", text(section.name)),
                ]
            )
            self.close("wp:category")
        for number, tag in enumerate(Tag.objects.all(), start=1):
            self.open("wp:tag")
            self.fields(
                [
                    ("wp:term_id", number),
                    ("wp:tag_slug", tag.slug),
                    ("wp:tag_name", text(tag.name)),
                ]
            )
            self.close("wp:tag")

    def write_categories(self, article):
        terms = [("category", term) for term in article.sections.all()]
        terms += [("post_tag", term) for term in article.tags.all()]
        for domain, term in terms:
            self.xml.startElement("category", {"domain": domain, "nicename": term.slug})
            self.xml.characters(text(term.name))
            self.close("category")

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
        ]

    def post_fields(self, article):
        link = self.site_url + article.get_absolute_url()
        return [
            ("title", text(article.title)),
            ("link", link),
            ("pubDate", format_datetime(article.published_at)),
            ("dc:creator", self.logins[article.byline]),
            ("guid", link),
            ("description", ""),
            ("content:encoded", article.body_html),
            ("excerpt:encoded", article.excerpt),
            ("wp:post_id", article.pk),
            ("wp:post_date", local_date(article.published_at)),
            ("wp:post_date_gmt", gmt_date(article.published_at)),
            (
                "wp:comment_status",
                "open" if discussion_of(article).comments_open else "closed",
            ),
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
        ("wp:comment_author", text(comment.author_name)),
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


def text(value):
    """Our plain text as WordPress's HTML-ish titles and names: tags stay text.

    The XML writer escapes once; escaping `&` here too would make WordPress
    show "&amp;".
    """
    return value.replace("<", "&lt;").replace(">", "&gt;")


def post_status(article):
    if article.status != Article.Status.PUBLISHED:
        return "draft"
    return "publish" if article.is_published else "future"


def local_date(moment):
    return timezone.localtime(moment).strftime(DATE_FORMAT)


def gmt_date(moment):
    return moment.astimezone(UTC).strftime(DATE_FORMAT)
