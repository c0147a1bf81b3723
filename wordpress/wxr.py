"""Reading WordPress exports (WXR, eXtended RSS 1.0 to 1.2) as a stream.

`read(file)` yields a Site, then each Post followed by its Comments, and
holds no more than one post and one comment in memory however big the file.

The parser is defusedxml's over the standard library's expat: a file with a
DTD is refused outright, so no entity can expand (the "billion laughs") and no
external file or URL is ever read. WordPress writes no DTD.
"""

import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException
from django.utils import timezone

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
WP_TAG = re.compile(r"\{http://wordpress\.org/export/1\.[0-2]/\}(\w+)")
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


class WxrError(Exception):
    """The file cannot be read as a WordPress export; the message says why."""


@dataclass(frozen=True)
class Site:
    url: str


@dataclass(frozen=True)
class Post:
    wp_id: int
    post_type: str
    status: str
    title: str
    slug: str
    content: str
    date: datetime
    comment_status: str


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
    date: datetime
    content: str


def read(source):
    """Yield the Site, then every Post and its Comments, from a WXR file."""
    try:
        yield from records(source)
    except ParseError as error:
        line, column = error.position
        reason = expat.ErrorString(error.code)
        raise WxrError(
            f"Malformed XML at line {line}, column {column}: {reason}."
        ) from error
    except DefusedXmlException as error:
        raise WxrError(
            "Refused: the file has a document type declaration (<!DOCTYPE>). "
            "Its entities could expand into gigabytes (the 'billion laughs' "
            "attack) or read files from this machine, and WordPress never "
            "writes one."
        ) from error


def records(source):
    channel = item = post = site = None
    depth = item_depth = 0
    events = SafeElementTree.iterparse(source, events=("start", "end"), forbid_dtd=True)
    for event, element in events:
        if event == "start":
            depth += 1
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
        raise WxrError("Not a WordPress export: the file has no RSS <channel>.")
    if site is None:
        yield read_site(channel)


def is_comment(element):
    return wp_name(element.tag) == "comment"


@functools.lru_cache(maxsize=1024)
def wp_name(tag):
    match = WP_TAG.fullmatch(tag)
    return match[1] if match else None


def fields(element):
    """The text of an element's RSS and wp: children, by local name."""
    found = {}
    for child in element:
        name = "content" if child.tag == CONTENT else wp_name(child.tag)
        if name is None and not child.tag.startswith("{"):
            name = child.tag
        if name:
            found.setdefault(name, (child.text or "").strip())
    return found


def read_site(channel):
    found = fields(channel)
    return Site(
        url=found.get("base_blog_url")
        or found.get("base_site_url")
        or found.get("link", "")
    )


def read_post(item):
    found = fields(item)
    where = f"item {found.get('title', '')!r}"
    return Post(
        wp_id=number(found, "post_id", where),
        post_type=found.get("post_type", ""),
        status=found.get("status", ""),
        title=found.get("title", ""),
        slug=found.get("post_name", ""),
        content=found.get("content", ""),
        date=date(found, "post_date", where),
        comment_status=found.get("comment_status", ""),
    )


def read_comment(element):
    found = fields(element)
    where = f"comment {found.get('comment_id', '')!r}"
    return Comment(
        wp_id=number(found, "comment_id", where),
        parent=number(found, "comment_parent", where, default="0"),
        comment_type=found.get("comment_type", ""),
        approved=found.get("comment_approved", ""),
        author=found.get("comment_author", ""),
        email=found.get("comment_author_email", ""),
        url=found.get("comment_author_url", ""),
        ip=found.get("comment_author_IP", ""),
        date=date(found, "comment_date", where),
        content=found.get("comment_content", ""),
    )


def number(found, name, where, default=None):
    value = found.get(name) or default
    if value is None or not value.isdigit():
        raise WxrError(f"In {where}: wp:{name} is {value!r}, not a number.")
    return int(value)


def date(found, name, where):
    """The GMT date if WordPress recorded one, else the local date."""
    for key, zone in ((f"{name}_gmt", UTC), (name, timezone.get_current_timezone())):
        try:
            moment = datetime.strptime(found.get(key, ""), DATE_FORMAT)
        except ValueError:
            continue
        return moment.replace(tzinfo=zone)
    raise WxrError(f"In {where}: wp:{name} is missing or not a date.")
