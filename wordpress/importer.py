"""Bringing a WordPress export in: published posts become articles, comments follow.

WordPress ids are remembered per site (ImportedPost, ImportedComment), so
importing the same site again updates what came before instead of adding it
twice. Comments are written in batches, parents before replies; a reply whose
parent comes in a later batch gets it once the post is done. Everything the
file holds is either imported or counted with the reason it was not.
"""

from collections import Counter
from datetime import timedelta
from html import unescape

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from articles import body
from articles.models import Article, Section, Tag
from comments.caching import pages_changed
from comments.models import Comment, Discussion

from . import content, wxr
from .cleaning import comment_values
from .dates import Clock
from .models import ImportedPost
from .saving import CommentSaver
from .xmlfile import ExportError

PUBLISHED = {"publish", "future"}
DRAFTS = {"draft", "pending", "auto-draft"}
COMMENT_TYPES = {"", "comment"}
LINK_NOTICES = {"pingback", "trackback"}
# WordPress's default category: every post without one is filed there.
DEFAULT_CATEGORY = "uncategorized"
STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "post-trashed": Comment.Status.TRASH,
}


def skip_reason(post):
    """Why a post does not become an article, or None if it does."""
    if post.post_type == "page":
        return "pages"
    if post.post_type == "attachment":
        return "attachments"
    if post.post_type != "post":
        return f"type:{post.post_type}"
    if post.status in PUBLISHED:
        return None
    if post.status in DRAFTS:
        return "drafts"
    if post.status in {"private", "trash"}:
        return post.status
    return f"status:{post.status}"


class Importer:
    def __init__(self, source="", zone=None):
        self.source = source
        self.saver = None
        self.clock = Clock(zone)
        self.articles = Counter()
        self.skipped = Counter()
        self.comments = Counter()
        self.problems = []  # (WordPress comment id, what was fixed)
        days = settings.NEWSROOM_IP_RETENTION_DAYS
        self.retention_cutoff = timezone.now() - timedelta(days=days)
        self.authors = {}
        self.terms = {Section: {}, Tag: {}}
        self.posts_seen = set()
        self.touched = set()
        self.gone_posts = 0
        self.article = None
        self.discussion = None
        self.seen = set()  # the current post's WordPress comment ids

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
        earlier = ImportedPost.objects.filter(source=self.source).values_list(
            "wp_id", flat=True
        )
        # Counted here: the file's ids could outnumber what SQL takes in IN ().
        self.gone_posts = sum(
            wp_id not in self.posts_seen for wp_id in earlier.iterator()
        )
        self.comments.update(self.saver.counts if self.saver else {})
        pages_changed(self.touched | (self.saver.touched if self.saver else set()))

    def start_site(self, site):
        self.source = (self.source or site.url)[:200]
        if not self.source:
            raise ExportError(
                gettext(
                    "The export names no site (wp:base_site_url); name one with "
                    "--source."
                )
            )
        self.authors = {author.wp_id: author for author in site.authors}
        self.saver = CommentSaver(
            source=self.source,
            fields_of=self.comment_fields,
            note=gettext("imported from WordPress"),
        )

    def start_post(self, post):
        self.article, self.discussion, self.seen = None, None, set()
        self.posts_seen.add(post.wp_id)
        reason = skip_reason(post)
        if reason:
            self.skipped[reason] += 1
            return
        fields = self.article_fields(post)
        if post.password:
            self.articles["protected"] += 1
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
            self.discussion = Discussion.objects.sync_with_host(self.article)
            reopened = self.open_discussion(post)
            self.articles["updated" if changed or reopened else "unchanged"] += 1
            if changed:
                self.touched.add(self.discussion.pk)
        else:
            slug = Article.objects.unique_slug(post.slug or fields["title"])
            self.article = Article.objects.create(slug=slug, **fields)
            ImportedPost.objects.create(
                source=self.source,
                wp_id=post.wp_id,
                wp_slug=post.slug[:200],
                article=self.article,
            )
            self.discussion = Discussion.objects.for_object(self.article)
            self.open_discussion(post)
            self.articles["created"] += 1
        self.file_under(post, created=not imported)

    def open_discussion(self, post):
        """Open or close the discussion as the post's comments were; whether
        that changed it."""
        comments_open = post.comment_status == "open"
        if self.discussion.comments_open == comments_open:
            return False
        self.discussion.comments_open = comments_open
        self.discussion.save(update_fields=["comments_open"])
        self.touched.add(self.discussion.pk)
        return True

    def article_fields(self, post):
        author = next(
            (a for a in self.authors.values() if a.login == post.creator), None
        )
        return {
            "title": clip(Article, "title", content.title_text(post.title))
            or gettext("Untitled"),
            "body": content.post_html(post.content),
            "excerpt": "\n\n".join(body.text_paragraphs(post.excerpt)),
            "byline": clip(
                Article,
                "byline",
                unescape(author.display_name if author else post.creator),
            ),
            # A password-protected post stays unpublished: we have no passwords.
            "status": Article.Status.DRAFT
            if post.password
            else Article.Status.PUBLISHED,
            "published_at": self.clock.moment(post.date),
        }

    def file_under(self, post, created):
        """The post's categories and tags become the article's sections and tags."""
        chosen = {Section: [], Tag: []}
        for term in post.terms:
            model = {"category": Section, "post_tag": Tag}.get(term.domain)
            if model and term.slug != DEFAULT_CATEGORY:
                chosen[model].append(self.term(model, term))
        if created and not any(chosen.values()):
            return
        self.article.sections.set(chosen[Section])
        self.article.tags.set(chosen[Tag])

    def term(self, model, term):
        known = self.terms[model]
        slug = clip(model, "slug", term.slug or term.name)
        if slug not in known:
            name = clip(model, "name", unescape(term.name) or slug)
            known[slug], created = model.objects.get_or_create(
                slug=slug, defaults={"name": name}
            )
            self.articles[f"{model._meta.model_name} created"] += created
        return known[slug]

    def add_comment(self, record):
        self.seen.add(record.wp_id)
        if self.article is None:
            self.comments["on skipped posts"] += 1
        elif record.comment_type in LINK_NOTICES:
            self.comments[record.comment_type] += 1
        elif record.comment_type not in COMMENT_TYPES:
            self.comments["other type"] += 1
        else:
            self.saver.add(record)

    def comment_fields(self, record):
        by_author = record.user_id in self.authors
        if record.user_id:
            self.comments["by authors" if by_author else "by registered readers"] += 1
        status = STATUSES.get(record.approved, Comment.Status.PENDING)
        self.comments["spam"] += status == Comment.Status.SPAM
        values, problems = comment_values(
            name=unescape(record.author),
            email=record.email,
            website=record.url,
            html=record.content,
            ip=record.ip,
            submitted_at=self.clock.moment(record.date),
            retention_cutoff=self.retention_cutoff,
        )
        self.problems.extend((record.wp_id, problem) for problem in problems)
        return {
            **values,
            "discussion_id": self.discussion.pk,
            "status": status,
            "by_newsroom": by_author,
        }

    def finish_post(self):
        if self.article is not None:
            self.saver.finish()
            self.trash_deleted()

    def trash_deleted(self):
        """Comments imported before but gone from this post in the file."""
        gone = (
            Comment.objects.filter(
                discussion=self.discussion, wordpress__source=self.source
            )
            .exclude(wordpress__wp_id__in=self.seen)
            .exclude(status=Comment.Status.TRASH)
        )
        trashed = gone.update(status=Comment.Status.TRASH)
        self.comments["deleted in WordPress"] += trashed
        if trashed:
            self.touched.add(self.discussion.pk)


def clip(model, name, value):
    return value[: model._meta.get_field(name).max_length]
