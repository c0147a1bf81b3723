from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from comments.feeds import DiscussionCommentsAtomFeed, DiscussionCommentsFeed
from comments.hosts import discussion_of

from .models import Article


class LatestArticlesFeed(Feed):
    """Titles and text escaped as HTML: feed readers render them as HTML."""

    title = _("Newsroom: latest articles")
    link = reverse_lazy("articles:list")
    description = _("The newest articles published by the newsroom.")

    def items(self):
        return Article.objects.published().prefetch_related("sections", "tags")[:20]

    def item_title(self, article):
        return escape(article.title)

    def item_description(self, article):
        text = article.excerpt or " ".join(article.paragraphs[:2])
        return escape(Truncator(text).words(80))

    def item_author_name(self, article):
        return article.byline or None

    def item_categories(self, article):
        return [term.name for term in [*article.sections.all(), *article.tags.all()]]

    def item_pubdate(self, article):
        return article.published_at


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class ArticleCommentsFeed(DiscussionCommentsFeed):
    """An article's comments, at the article's own feed address."""

    def get_object(self, request, slug):
        return discussion_of(get_object_or_404(Article.objects.published(), slug=slug))


class ArticleCommentsAtomFeed(ArticleCommentsFeed, DiscussionCommentsAtomFeed):
    pass
