"""Old WordPress addresses lead to the imported article (301).

`/?p=123` (WordPress's plain links, and every post's guid) by post id, and
`/2023/06/16/slug/` (its "day and name" permalinks) by the post's name.
"""

import re

from django.http import HttpResponsePermanentRedirect

from articles.models import Article

DATED = re.compile(r"^/\d{4}/\d{2}/\d{2}/(?P<slug>[-\w%]+)/?$")


class OldPermalinkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        article = old_permalink_article(request)
        if article is not None:
            return HttpResponsePermanentRedirect(article.get_absolute_url())
        return self.get_response(request)


def old_permalink_article(request):
    """The published article an old WordPress address names, if any."""
    found = articles_at(request.path, request.GET.get("p", ""))
    if found is None:
        return None  # most addresses: no query built, on every request
    return found.published().order_by("-wordpress__pk").first()


def articles_at(path, post_id=""):
    """The articles an old WordPress address (path, ?p= value) stands for, or
    None when the address is not one of WordPress's."""
    if path == "/" and post_id.isdigit():
        return Article.objects.filter(wordpress__wp_id=int(post_id))
    if match := DATED.match(path):
        return Article.objects.filter(wordpress__wp_slug=match["slug"])
    return None
