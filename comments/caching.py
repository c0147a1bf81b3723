"""Cached article pages and threads, dropped the moment something in them changes.

Each article has a version token in the shared cache. Rendered thread pages,
and whole article pages for readers who bring nothing personal (no pending
comment, no saved name, no notice), are stored with the token that was
current before they were rendered. A change to a comment or to the article
replaces the token at once and again when its transaction commits, so no
request can serve or re-cache the old page once the editor has been told the
decision is done.
"""

import gzip
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from . import cookies

VERSION = "comments:thread-version:{}"
PAGE = "comments:article-page:{}:{}:{}:{}"
# Cookies that make a page personal: it is then rendered for that reader alone.
PERSONAL_COOKIES = (
    cookies.PENDING,
    cookies.OWN,
    cookies.COMMENTER,
    CookieStorage.cookie_name,
)


def thread_version(article_id):
    return cache.get_or_set(VERSION.format(article_id), uuid.uuid4().hex, None)


def invalidate_threads(article_ids):
    def replace_versions():
        cache.set_many(
            {VERSION.format(pk): uuid.uuid4().hex for pk in article_ids}, None
        )

    replace_versions()
    transaction.on_commit(replace_versions)


def is_anonymous_visit(request):
    """A plain GET (or one that only picks the order) from a reader with
    nothing personal to show."""
    personal = (*PERSONAL_COOKIES, settings.SESSION_COOKIE_NAME)
    return (
        request.method in ("GET", "HEAD")
        and set(request.GET) <= {"order"}
        and not any(name in request.COOKIES for name in personal)
    )


def page_key(slug, page_number, gzipped):
    encoding = "gzip" if gzipped else "identity"
    return PAGE.format(slug, page_number, get_language(), encoding)


def cached_page(slug, page_number, gzipped):
    """The stored page (gzipped or not), if its article has not changed since."""
    entry = cache.get(page_key(slug, page_number, gzipped))
    if entry is None or (entry["until"] and timezone.now() >= entry["until"]):
        return None
    if cache.get(VERSION.format(entry["article"])) != entry["version"]:
        return None
    return entry["content"]


def store_page(article, page_number, version, content):
    """Keep a rendered page under the version read before rendering it.

    It is kept plain and gzipped, each under its own key so that a hit reads
    only what it sends. Compressed once here rather than for every reader;
    the page holds no secret (no CSRF token), so compression leaks nothing.
    """
    variants = {False: content, True: gzip.compress(content, compresslevel=6)}
    meta = {
        "article": article.pk,
        "version": version,
        "until": article.comments_close_at,
    }
    cache.set_many(
        {
            page_key(article.slug, page_number, gzipped): {**meta, "content": body}
            for gzipped, body in variants.items()
        },
        settings.COMMENTS_THREAD_CACHE_SECONDS,
    )
