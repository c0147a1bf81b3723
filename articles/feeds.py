from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import Article


class LatestArticlesFeed(Feed):
    """Titles and text escaped as HTML: feed readers render them as HTML."""

    title = _("Newsroom: latest articles")
    link = reverse_lazy("articles:list")
    description = _("The newest articles published by the newsroom.")

    def items(self):
        return Article.objects.published()[:20]

    def item_title(self, article):
        return escape(article.title)

    def item_description(self, article):
        return escape(Truncator(" ".join(article.paragraphs[:2])).words(80))

    def item_pubdate(self, article):
        return article.published_at


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
