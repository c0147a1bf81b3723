"""Cached article pages, checked against the page version the database holds.

The database is the truth: each article has a page version (PageVersion),
replaced by `pages_changed()` in the same transaction as any change a reader
can see. Every write path calls it; nothing else does. Caches keep copies:

- whole article pages for readers who bring nothing personal (no pending
  comment, no saved name, no notice), each stored with the version its
  article had when it was read to be rendered;
- with a cache every process and server shares (Redis), a copy of each
  article's version too, by slug, deleted when a change commits and read
  back from the database at most COMMENTS_VERSION_COPY_SECONDS later. A
  cached view then costs one round trip (page and version in one MGET) and no
  query, and a change whose deletion Redis missed (down at that moment) is
  seen within that time;
- with a cache local to each process (no Redis, or Redis down at the
  moment), pages are kept in this process's memory and there is no copy of
  the version: every view reads it from the database (one indexed query), so
  every worker agrees at once.
"""

import functools
import gzip
import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import get_language

from articles.models import Article

from . import cookies
from .models import PageVersion

VERSION = "comments:page-version:{}"
PAGE = "comments:article-page:{}:{}:{}:{}"
# Cookies that make a page personal: it is then rendered for that reader alone.
PERSONAL_COOKIES = (
    cookies.PENDING,
    cookies.OWN,
    cookies.COMMENTER,
    CookieStorage.cookie_name,
)


@dataclass(frozen=True)
class Page:
    """A rendered article page as stored: its bytes and what proves them current."""

    version: str
    content: bytes
    etag: str
    until: object  # when comments close by age, or None


# Page copies of this process alone, while no shared cache answers.
local_pages = LocMemCache("comments-pages", {"OPTIONS": {"MAX_ENTRIES": 2000}})


def shares_cache():
    """Whether the cache is one every process sees, and answers (see
    newsroom.cache: a Redis that just failed is left alone a while)."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache | DummyCache):
        return False
    return not getattr(backend, "is_down", False)


def page_cache():
    return cache if shares_cache() else local_pages


def pages_changed(article_ids, *, slugs=()):
    """Record, inside the change's transaction, that these articles' pages changed.

    `slugs` names addresses that no longer lead where they did (a slug given
    up, an article deleted), whose version copies must go too.
    """
    ids = sorted(set(article_ids))
    PageVersion.objects.bulk_create(
        [PageVersion(article_id=pk, token=uuid.uuid4().hex) for pk in ids],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["token"],
    )
    if not shares_cache():
        return
    keys = [VERSION.format(slug) for slug in slugs]
    keys += [
        VERSION.format(slug)
        for slug in Article.objects.filter(pk__in=ids).values_list("slug", flat=True)
    ]
    if keys:
        transaction.on_commit(lambda: cache.delete_many(keys))


def version_of(article):
    """The page version of an article read with `select_related("page_version")`."""
    try:
        token = article.page_version.token
    except PageVersion.DoesNotExist:
        token = ""
    return f"{article.pk}:{token}"


def stored_version(slug):
    """The page version of the published article at `slug`, from the database.

    Article.objects.published() by slug, with its page version, in plain SQL:
    building the query through the ORM cost more than running it, on a view
    that is otherwise served from memory.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            version_sql(),
            [
                slug,
                Article.Status.PUBLISHED,
                connection.ops.adapt_datetimefield_value(timezone.now()),
            ],
        )
        row = cursor.fetchone()
    return row and f"{row[0]}:{row[1] or ''}"


@functools.cache
def version_sql():
    quote = connection.ops.quote_name
    article = quote(Article._meta.db_table)
    version = quote(PageVersion._meta.db_table)
    return (
        f"SELECT a.id, v.token FROM {article} a "
        f"LEFT OUTER JOIN {version} v ON v.article_id = a.id "
        "WHERE a.slug = %s AND a.status = %s AND a.published_at <= %s"
    )


def copied_version(slug):
    """The version from the database, copied into the shared cache for a while."""
    version = stored_version(slug)
    if version:
        cache.add(VERSION.format(slug), version, settings.COMMENTS_VERSION_COPY_SECONDS)
    return version


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
    """The stored Page (gzipped or not), if its article has not changed since."""
    key = page_key(slug, page_number, gzipped)
    if shares_cache():
        found = cache.get_many([key, VERSION.format(slug)])
        page = found.get(key)
        current = page and (found.get(VERSION.format(slug)) or copied_version(slug))
    else:
        page = local_pages.get(key)
        current = page and stored_version(slug)
    if not page or page.version != current:
        return None
    if page.until and timezone.now() >= page.until:
        return None
    return page


def store_page(article, page_number, version, content, gzipped):
    """Keep a page rendered after reading `version`; return the variant asked for.

    It is kept plain and gzipped, each under its own key so that a hit reads
    only what it sends. Compressed once here rather than for every reader;
    the page holds no secret (no CSRF token), so compression leaks nothing.
    """
    pages = {
        zipped: Page(
            version=version,
            content=body,
            etag=hashlib.md5(body, usedforsecurity=False).hexdigest(),
            until=article.comments_close_at,
        )
        for zipped, body in [
            (False, content),
            (True, gzip.compress(content, compresslevel=6)),
        ]
    }
    page_cache().set_many(
        {
            page_key(article.slug, page_number, zipped): page
            for zipped, page in pages.items()
        },
        settings.COMMENTS_THREAD_CACHE_SECONDS,
    )
    return pages[gzipped]
