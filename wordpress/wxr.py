"""Reading WordPress exports (WXR, eXtended RSS 1.0 to 1.2) as a stream.

`read(reader)` yields a Site, then each Post followed by its Comments, and
holds no more than one post and one comment in memory however big the file.
The reader is an `xmlfile.CleanReader`, which also makes the parser safe.
"""

import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote

from django.utils.translation import gettext

from .xmlfile import ExportError, events, web_page_error

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
EXCERPT = re.compile(r"\{http://wordpress\.org/export/1\.[0-2]/excerpt/\}encoded")
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
WP_TAG = re.compile(r"\{http://wordpress\.org/export/1\.[0-2]/\}(\w+)")
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class Author:
    wp_id: int
    login: str
    display_name: str


@dataclass(frozen=True)
class Site:
    url: str
    authors: tuple = ()


@dataclass(frozen=True)
class Term:
    """A category or tag of a post: its taxonomy, slug and name."""

    domain: str
    slug: str
    name: str


@dataclass(frozen=True)
class When:
    """WordPress's two dates: GMT (None if missing or zero) and the site's."""

    gmt: datetime | None
    local: datetime | None


@dataclass(frozen=True)
class Post:
    wp_id: int
    post_type: str
    status: str
    title: str
    slug: str
    link: str
    creator: str
    content: str
    excerpt: str
    date: When
    comment_status: str
    password: str = ""
    terms: tuple = ()


@dataclass(frozen=True)
class Comment:
    wp_id: int
    parent: int
    comment_type: str
    approved: str
    author: str
    email: str
    url: str
    ip: str
    date: When
    content: str
    user_id: int = 0

    @property
    def source_id(self):
        return self.wp_id


def read(reader):
    """Yield the Site, then every Post and its Comments, from a WXR file."""
    channel = item = post = site = None
    depth = item_depth = 0
    for event, element in events(reader):
        if event == "start":
            depth += 1
            if depth == 1 and element.tag == "html":
                raise web_page_error()
            if element.tag == "channel":
                channel = element
            elif element.tag == "item" and channel is not None:
                if site is None:
                    site = read_site(channel)
                    yield site
                item, item_depth, post = element, depth, None
            continue
        depth -= 1
        if item is not None and depth == item_depth and is_comment(element):
            if post is None:
                post = read_post(item)
                yield post
            yield read_comment(element)
            # Forget each element once read: memory stays flat.
            item.remove(element)
        elif element is item:
            if post is None:
                yield read_post(item)
            channel.remove(item)
            item = None
    if channel is None:
        raise ExportError(
            gettext("Not a WordPress export: the file has no RSS <channel>.")
        )
    if site is None:
        yield read_site(channel)


def is_comment(element):
    return wp_name(element.tag) == "comment"


@functools.lru_cache(maxsize=1024)
def wp_name(tag):
    if tag == CONTENT:
        return "content"
    if EXCERPT.fullmatch(tag):
        return "excerpt"
    if tag == CREATOR:
        return "creator"
    match = WP_TAG.fullmatch(tag)
    if match:
        return match[1]
    return None if tag.startswith("{") else tag


def fields(element):
    """The text of an element's RSS, dc:, content:, excerpt: and wp: children."""
    found = {}
    for child in element:
        name = wp_name(child.tag)
        if name:
            found.setdefault(name, (child.text or "").strip())
    return found


def read_site(channel):
    found = fields(channel)
    authors = tuple(
        read_author(child) for child in channel if wp_name(child.tag) == "author"
    )
    return Site(
        url=found.get("base_blog_url")
        or found.get("base_site_url")
        or found.get("link", ""),
        authors=authors,
    )


def read_author(element):
    found = fields(element)
    where = gettext("author %(login)r") % {"login": found.get("author_login", "")}
    return Author(
        wp_id=number(found, "author_id", where, default="0"),
        login=found.get("author_login", ""),
        display_name=found.get("author_display_name", ""),
    )


def read_post(item):
    found = fields(item)
    where = gettext("item %(title)r") % {"title": found.get("title", "")}
    return Post(
        wp_id=number(found, "post_id", where),
        post_type=found.get("post_type", ""),
        status=found.get("status", ""),
        title=found.get("title", ""),
        slug=unquote(found.get("post_name", "")),
        link=found.get("link", ""),
        creator=found.get("creator", ""),
        content=found.get("content", ""),
        excerpt=found.get("excerpt", ""),
        date=dates(found, "post_date", where),
        comment_status=found.get("comment_status", ""),
        password=found.get("post_password", ""),
        terms=tuple(read_terms(item)),
    )


def read_terms(item):
    for child in item:
        if child.tag == "category":
            slug = unquote(child.get("nicename", ""))
            yield Term(child.get("domain", ""), slug, (child.text or "").strip())


def read_comment(element):
    found = fields(element)
    where = gettext("comment %(id)r") % {"id": found.get("comment_id", "")}
    return Comment(
        wp_id=number(found, "comment_id", where),
        parent=number(found, "comment_parent", where, default="0"),
        comment_type=found.get("comment_type", ""),
        approved=found.get("comment_approved", ""),
        author=found.get("comment_author", ""),
        email=found.get("comment_author_email", ""),
        url=found.get("comment_author_url", ""),
        ip=found.get("comment_author_IP", ""),
        date=dates(found, "comment_date", where),
        content=found.get("comment_content", ""),
        user_id=number(found, "comment_user_id", where, default="0"),
    )


def number(found, name, where, default=None):
    value = found.get(name) or default
    if value is None or not value.isdigit():
        raise ExportError(
            gettext("In %(where)s: wp:%(name)s is %(value)r, not a number.")
            % {"where": where, "name": name, "value": value}
        )
    return int(value)


def dates(found, name, where):
    """Both dates; WordPress writes a zero GMT date for drafts and lost ones."""
    gmt, local = parse_date(found.get(f"{name}_gmt")), parse_date(found.get(name))
    if gmt is None and local is None:
        raise ExportError(
            gettext("In %(where)s: wp:%(name)s is missing or not a date.")
            % {"where": where, "name": name}
        )
    return When(gmt=gmt and gmt.replace(tzinfo=UTC), local=local)


def parse_date(text):
    """WordPress's "2023-06-16 01:30:00"; None for its zero date or garbage."""
    if not text or len(text) != 19:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
