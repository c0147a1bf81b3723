"""Cached host pages, checked against the page version the database holds.

The database is the truth: each discussion has a page version
(PageVersion), replaced by `pages_changed()` in the same transaction as any
change a reader can see. Every write path calls it; nothing else does.
Caches keep copies:

- whole host pages (an article, any page with a comments section) for
  readers who bring nothing personal (no pending comment, no saved name, no
  notice), each stored with the version its discussion had when it was read
  to be rendered, under the page's path;
- with a cache every process and server shares (Redis), a copy of the
  version too, under the page's path, deleted when a change commits and read
  back from the database at most COMMENTS_VERSION_COPY_SECONDS later. A
  cached view then costs one round trip (page and version in one MGET) and no
  query, and a change whose deletion Redis missed (down at that moment) is
  seen within that time. Each discussion keeps the list of paths its version
  was copied under, so that a change deletes every copy;
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

from . import cookies
from .models import Discussion, PageVersion

VERSION = "comments:page-version:{}"
PATHS = "comments:version-paths:{}"
PAGE = "comments:page:{}:{}:{}:{}"
# Cookies that make a page personal: it is then rendered for that reader alone.
PERSONAL_COOKIES = (
    cookies.PENDING,
    cookies.OWN,
    cookies.COMMENTER,
    CookieStorage.cookie_name,
)


@dataclass(frozen=True)
class Page:
    """A rendered page as stored: its bytes and what proves them current."""

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


def pages_changed(discussion_ids):
    """Record, inside the change's transaction, that these discussions' pages
    (their host pages, every page of their thread) changed."""
    ids = sorted(set(discussion_ids))
    PageVersion.objects.bulk_create(
        [PageVersion(discussion_id=pk, token=uuid.uuid4().hex) for pk in ids],
        update_conflicts=True,
        unique_fields=["discussion"],
        update_fields=["token"],
    )
    if ids and shares_cache():
        transaction.on_commit(lambda: forget_copies(ids))


def forget_copies(discussion_ids):
    """Delete the version copies of these discussions, under every path."""
    lists = cache.get_many([PATHS.format(pk) for pk in discussion_ids])
    keys = [version_key(path) for paths in lists.values() for path in paths]
    cache.delete_many([*keys, *lists])


def version_of(discussion):
    """The page version of a discussion as read (see hosts.discussion_of)."""
    return f"{discussion.pk or ''}:{discussion.page_token}"


def copied_version(path, version):
    """The version read from the database, copied into the shared cache for a
    while under the page's path, which its discussion notes."""
    seconds = settings.COMMENTS_VERSION_COPY_SECONDS
    if not cache.add(version_key(path), version, seconds):
        return
    discussion = version.split(":")[0]
    if discussion:
        paths = PATHS.format(discussion)
        known = cache.get(paths) or []
        if path not in known:
            cache.set(paths, [*known, path][-100:], None)


def is_anonymous_visit(request, *, ignored=()):
    """A plain GET (or one that only picks the order, or has parameters the
    page does not depend on, `ignored`) from a reader with nothing personal
    to show."""
    personal = (*PERSONAL_COOKIES, settings.SESSION_COOKIE_NAME)
    return (
        request.method in ("GET", "HEAD")
        and set(request.GET) <= {"order", "comment-page", *ignored}
        and not any(name in request.COOKIES for name in personal)
    )


def path_id(path):
    """A page's path as a short key part, whatever its length and script."""
    return hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()


def version_key(path):
    return VERSION.format(path_id(path))


def page_key(path, page_id, gzipped):
    encoding = "gzip" if gzipped else "identity"
    return PAGE.format(path_id(path), page_id, get_language(), encoding)


def cached_page(path, page_id, gzipped, stored_version):
    """The stored Page (gzipped or not), if its discussion has not changed
    since. `stored_version()` reads the version from the database."""
    key = page_key(path, page_id, gzipped)
    if shares_cache():
        found = cache.get_many([key, version_key(path)])
        page = found.get(key)
        current = page and found.get(version_key(path))
        if page and not current:
            current = stored_version()
            copied_version(path, current)
    else:
        page = local_pages.get(key)
        current = page and (public_version(page.version) or stored_version())
    if not page or page.version != current:
        return None
    if page.until and timezone.now() >= page.until:
        return None
    return page


def public_version(version):
    """The current version of the discussion a page was rendered from, while
    it is public; "" when the page had no discussion yet (the host decides).

    In plain SQL, by the discussion's key: building a query through the ORM
    cost more than running it, on a view that is otherwise served from memory.
    """
    discussion = version.partition(":")[0]
    if not discussion:
        return ""
    with connection.cursor() as cursor:
        cursor.execute(
            public_version_sql(),
            [int(discussion), connection.ops.adapt_datetimefield_value(timezone.now())],
        )
        row = cursor.fetchone()
    return f"{discussion}:{row[0] or ''}" if row else None


@functools.cache
def public_version_sql():
    quote = connection.ops.quote_name
    discussion = quote(Discussion._meta.db_table)
    version = quote(PageVersion._meta.db_table)
    return (
        f"SELECT v.token FROM {discussion} d "
        f"LEFT OUTER JOIN {version} v ON v.discussion_id = d.id "
        "WHERE d.id = %s AND d.published_at <= %s"
    )


def store_page(path, page_id, discussion, content, gzipped):
    """Keep a page rendered after reading the discussion's version; return
    the variant asked for.

    It is kept plain and gzipped, each under its own key so that a hit reads
    only what it sends. Compressed once here rather than for every reader;
    the page holds no secret (no CSRF token), so compression leaks nothing.
    """
    version = version_of(discussion)
    pages = {
        zipped: Page(
            version=version,
            content=body,
            etag=hashlib.md5(body, usedforsecurity=False).hexdigest(),
            until=discussion.comments_close_at,
        )
        for zipped, body in [
            (False, content),
            (True, gzip.compress(content, compresslevel=6)),
        ]
    }
    page_cache().set_many(
        {page_key(path, page_id, zipped): page for zipped, page in pages.items()},
        settings.COMMENTS_THREAD_CACHE_SECONDS,
    )
    return pages[gzipped]
