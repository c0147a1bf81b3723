"""The thread's comments as HTML, built in Python: the host page's hot path.

Rendered through a template include per comment, a thread cost about 0.3 ms
a comment; built here from labels translated once per render, a tenth of
that (`make bench BENCH_ARGS=--render-only` measures it). Every value is
escaped here, except the comment's text, stored as HTML that nh3 sanitised.
"""

from dataclasses import dataclass
from datetime import timedelta
from html import escape

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from .avatars import avatar
from .markup import current_html


@dataclass(frozen=True)
class Labels:
    """The words of a comment's furniture, in the language being rendered,
    escaped for HTML once per render ("%(name)s" takes an escaped name)."""

    reply: str
    reply_to: str
    quote: str
    quote_aria: str
    link: str
    link_aria: str
    newsroom: str
    awaiting: str
    deleted: str
    edited: str
    edit: str
    edit_aria: str
    recommend: str
    recommend_aria: str
    pick: str
    picks_more: str
    report: str
    report_aria: str

    @classmethod
    def current(cls):
        return cls(**{name: escape(text) for name, text in cls.words().items()})

    @staticmethod
    def words():
        return {
            "reply": gettext("Reply"),
            "reply_to": gettext("Reply to %(name)s"),
            "quote": gettext("Quote"),
            "quote_aria": gettext("Quote %(name)s in a reply"),
            "link": gettext("Link"),
            "link_aria": gettext("Link to the comment by %(name)s"),
            "newsroom": gettext("Newsroom"),
            "awaiting": gettext("Your comment is awaiting moderation."),
            "deleted": gettext("This comment was deleted."),
            "edited": gettext("edited"),
            "edit": gettext("Edit"),
            "edit_aria": gettext("Edit or delete your comment"),
            "recommend": gettext("Recommend"),
            "recommend_aria": gettext("Recommend the comment by %(name)s"),
            "pick": gettext("Editors’ pick"),  # noqa: RUF001 (the typographic apostrophe)
            "picks_more": gettext("Read it in the conversation"),
            "report": gettext("Report"),
            "report_aria": gettext("Report the comment by %(name)s"),
        }


def html_datetime(moment):
    """A `datetime` attribute value: whole seconds, as HTML expects."""
    return moment.replace(microsecond=0).isoformat()


class CommentHtml:
    """Each comment as an `<li>` (left open for its replies) and whole threads."""

    def __init__(self, discussion, editable=()):
        """`editable`: ids of comments the reader may still edit (their own)."""
        self.discussion = discussion
        self.editable = set(editable)
        self.edit_after = timezone.now() - timedelta(
            minutes=settings.COMMENTS_EDIT_MINUTES
        )
        self.accepts_comments = discussion.accepts_comments
        self.labels = Labels.current()
        self.permalink = reverse("comments:permalink", args=[0])[:-2]
        self.days = {}
        self.avatars = {}
        self.clocks = {}

    def picks(self, comments):
        """The editors' picks, each with its badge and a link to its place."""
        items = "".join(
            f'<li class="comment comment-pick"><article class="comment-content">'
            f'<footer class="comment-meta"><span class="comment-author">'
            f"{escape(comment.author_name)}</span> "
            f'<span class="badge-pick">{self.labels.pick}</span></footer>'
            f'<div class="comment-body">{current_html(comment)}</div>'
            f'<p><a href="#comment-{comment.pk}">{self.labels.picks_more}</a></p>'
            "</article></li>"
            for comment in comments
            if comment.featured
        )
        return f'<ol class="comment-list">{items}</ol>' if items else ""

    def thread(self, entries):
        """Nested lists of comments, from threads.Thread.entries()."""
        parts = []
        for entry in entries:
            parts.append(self.comment(entry.comment))
            if entry.has_replies:
                parts.append('\n<ol class="children">')
            else:
                parts.append("</li>" + "</ol></li>" * entry.closes)
        return '<ol class="comment-list">' + "\n".join(parts) + "\n</ol>"

    def comment(self, comment):
        pending = getattr(comment, "awaiting", False)
        classes = "comment"
        if pending:
            classes += " comment-pending"
        if comment.by_newsroom:
            classes += " comment-newsroom"
        if comment.is_removed:
            return (
                f'<li id="comment-{comment.pk}" class="{classes}">'
                f'<article class="comment-content"><p class="comment-deleted">'
                f"{self.labels.deleted}</p></article>"
            )
        return (
            f'<li id="comment-{comment.pk}" class="{classes}">'
            f'<article class="comment-content" '
            f'aria-labelledby="comment-{comment.pk}-author">'
            f"{self.meta(comment, pending)}"
            f'<div class="comment-body">{current_html(comment)}</div>'
            f"{self.actions(comment, pending)}</article>"
        )

    def meta(self, comment, pending):
        labels = self.labels
        name = escape(comment.author_name)
        author = name
        if comment.author_url:
            author = (
                f'<a href="{escape(comment.author_url)}" '
                f'rel="nofollow ugc noopener">{name}</a>'
            )
        badge = ""
        if comment.by_newsroom:
            badge = f'<span class="badge-newsroom">{labels.newsroom}</span>'
        if comment.featured:
            badge += f'<span class="badge-pick">{labels.pick}</span>'
        moment = timezone.localtime(comment.submitted_at)
        exact = self.exact_time(moment)
        notes = self.edited(comment.edited_at) if comment.edited_at else ""
        if pending:
            notes += f'<em class="comment-awaiting">{labels.awaiting}</em>'
        return (
            f'<footer class="comment-meta">{self.avatar(comment.author_email)}'
            f'<span class="comment-author" id="comment-{comment.pk}-author">'
            f"{author}</span>{badge}"
            f'<a class="comment-date" href="#comment-{comment.pk}">'
            f'<time datetime="{html_datetime(moment)}" title="{exact}">{exact}</time>'
            f"</a>{notes}</footer>"
        )

    def avatar(self, email):
        picture = self.avatars.get(email)
        if picture is None:
            picture = self.avatars[email] = avatar(email)
        return picture

    def exact_time(self, moment):
        """The date in the language's format (formatted once per day and render:
        formatting is the dearest part of a comment) and the 24-hour time."""
        day = self.days.get(moment.date())
        if day is None:
            day = self.days[moment.date()] = escape(formats.date_format(moment))
        return f"{day} {moment.hour:02}:{moment.minute:02}"

    def edited(self, edited_at):
        moment = timezone.localtime(edited_at)
        return (
            f'<span class="comment-edited"><time datetime="{html_datetime(moment)}" '
            f'title="{self.exact_time(moment)}">{self.labels.edited}</time>'
            "</span>"
        )

    def edit_link(self, comment):
        if comment.pk not in self.editable or comment.submitted_at <= self.edit_after:
            return []
        url = reverse("comments:edit", args=[comment.pk])
        return [
            f'<a class="comment-edit-link" href="{url}" '
            f'aria-label="{self.labels.edit_aria}">'
            f"{self.labels.edit}</a>"
        ]

    def recommend(self, comment, name):
        count = comment.recommend_count
        label = count_label(count) if count else ""
        return (
            f'<a class="comment-recommend" rel="nofollow" '
            f'href="{self.permalink}{comment.pk}/recommend/" '
            f'data-comment="{comment.pk}" '
            f'aria-label="{self.labels.recommend_aria % name}">'
            f"{self.labels.recommend}</a>"
            f'<span class="recommend-count" id="recommends-{comment.pk}">'
            f"{escape(label)}</span>"
        )

    def actions(self, comment, pending):
        if pending:
            links = self.edit_link(comment)
            return f'<p class="comment-actions">{links[0]}</p>' if links else ""
        labels = self.labels
        author = escape(comment.author_name)
        name = {"name": author}
        links = [
            self.recommend(comment, name),
            f'<a class="comment-permalink" href="{self.permalink}{comment.pk}/" '
            f'aria-label="{labels.link_aria % name}">'
            f"{labels.link}</a>",
            f'<a class="comment-report-link" rel="nofollow" '
            f'href="{self.permalink}{comment.pk}/report/" '
            f'aria-label="{labels.report_aria % name}">{labels.report}</a>',
        ]
        if self.accepts_comments:
            data = f'data-reply-to="{comment.pk}" data-author="{author}"'
            links[:0] = [
                f'<a class="comment-reply-link" rel="nofollow" '
                f'href="?replytocom={comment.pk}#respond" {data} '
                f'aria-label="{labels.reply_to % name}">'
                f"{labels.reply}</a>",
                f'<a class="comment-reply-link comment-quote-link" rel="nofollow" '
                f'href="?replytocom={comment.pk}&amp;quote=1#respond" {data} '
                f'data-quote aria-label="{labels.quote_aria % name}">'
                f"{labels.quote}</a>",
            ]
        links += self.edit_link(comment)
        return f'<p class="comment-actions">{" ".join(links)}</p>'


def count_label(count):
    """ "3 recommends", in the language being rendered."""
    return ngettext("%(count)s recommend", "%(count)s recommends", count) % {
        "count": count
    }
