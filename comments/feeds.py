"""RSS and Atom feeds of approved comments: never pending, spam, trash or emails.

Feed readers render titles, descriptions and summaries as HTML once they have
unescaped the XML, so every text we did not write is escaped as HTML first
(the XML escapes it again): a reader shows `<img onerror=...>` as those words.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Comment, Discussion

LATEST = 30


class CommentFeedMixin:
    def item_title(self, comment):
        return escape(
            _("%(name)s on “%(title)s”")
            % {"name": comment.author_name, "title": comment.discussion.title}
        )

    def item_description(self, comment):
        return linebreaks(Truncator(comment.body).chars(1000), autoescape=True)

    def item_link(self, comment):
        return reverse("comments:permalink", args=[comment.pk])

    def item_author_name(self, comment):
        return comment.author_name

    def item_pubdate(self, comment):
        return comment.submitted_at


class LatestCommentsFeed(CommentFeedMixin, Feed):
    title = gettext_lazy("Newsroom: latest comments")
    link = "/"
    description = gettext_lazy("The newest approved comments on every article.")

    def items(self):
        return public_comments()[:LATEST]


class DiscussionCommentsFeed(CommentFeedMixin, Feed):
    """One discussion's comments; a host's feed URL overrides get_object."""

    def get_object(self, request, pk):
        return get_object_or_404(Discussion.objects.public(), pk=pk)

    def title(self, discussion):
        return escape(_("Comments on “%(title)s”") % {"title": discussion.title})

    def link(self, discussion):
        return discussion.get_absolute_url()

    def description(self, discussion):
        return escape(
            _("The newest approved comments on “%(title)s”.")
            % {"title": discussion.title}
        )

    def items(self, discussion):
        return public_comments().of(discussion)[:LATEST]


class LatestCommentsAtomFeed(LatestCommentsFeed):
    feed_type = Atom1Feed
    subtitle = LatestCommentsFeed.description


class DiscussionCommentsAtomFeed(DiscussionCommentsFeed):
    feed_type = Atom1Feed

    def subtitle(self, discussion):
        return self.description(discussion)


def public_comments():
    return (
        Comment.objects.public()
        .select_related("discussion")
        .defer("author_email", "ip_address", "user_agent")
        .order_by("-submitted_at", "-pk")
    )
