"""Reading Disqus exports (Admin → Moderate → Export) as a stream.

A Disqus export lists its categories, then every thread (one per page that
had comments, keyed by the page's URL), then every post, each naming its
thread and parent by Disqus id. `read(reader)` yields Forum, Thread and Post
records and forgets each element once read, so memory stays flat however
big the file. The reader is an `xmlfile.CleanReader`.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils.translation import gettext

from .xmlfile import ExportError, events, local_name, web_page_error

DISQUS = "{http://disqus.com}"
DSQ_ID = "{http://disqus.com/disqus-internals}id"


@dataclass(frozen=True)
class Forum:
    name: str


@dataclass(frozen=True)
class Thread:
    source_id: int
    link: str
    title: str
    is_closed: bool


@dataclass(frozen=True)
class Post:
    source_id: int
    thread: int
    parent: int
    message: str
    created_at: datetime
    is_deleted: bool
    is_spam: bool
    author_name: str
    author_email: str
    is_anonymous: bool
    username: str
    ip: str
    user_id: int = 0  # Disqus users have names, not numbers


def read(reader):
    depth, forum = 0, None
    root = None
    for event, element in events(reader):
        if event == "start":
            depth += 1
            if depth == 1:
                if element.tag != DISQUS + "disqus":
                    raise not_disqus(element.tag)
                root = element
            continue
        depth -= 1
        if depth != 1:
            continue
        name = local_name(element.tag)
        if forum is None and name in {"category", "thread"}:
            forum = Forum(text(element, "forum"))
            yield forum
        if name == "thread":
            yield read_thread(element)
        elif name == "post":
            yield read_post(element)
        # Forget each element once read: memory stays flat.
        root.remove(element)


def not_disqus(tag):
    if local_name(tag) == "html":
        return web_page_error()
    return ExportError(
        gettext("Not a Disqus export: the file's root is <%(tag)s>, not <disqus>.")
        % {"tag": local_name(tag)}
    )


def text(element, path):
    found = element.find(DISQUS + path.replace("/", "/" + DISQUS))
    return (found.text or "").strip() if found is not None else ""


def flag(element, path):
    return text(element, path).lower() == "true"


def dsq_id(element, path=None, required=True):
    target = element if path is None else element.find(DISQUS + path)
    value = "" if target is None else target.get(DSQ_ID, "")
    if value.isdigit():
        return int(value)
    if required:
        raise ExportError(
            gettext("A Disqus <%(tag)s> has dsq:id %(value)r, not a number.")
            % {"tag": local_name(element.tag), "value": value}
        )
    return 0


def read_thread(element):
    return Thread(
        source_id=dsq_id(element),
        link=text(element, "link"),
        title=text(element, "title"),
        is_closed=flag(element, "isClosed"),
    )


def read_post(element):
    source_id = dsq_id(element)
    created = text(element, "createdAt")
    try:
        created_at = datetime.fromisoformat(created).astimezone(UTC)
    except ValueError:
        raise ExportError(
            gettext("Disqus post %(id)s: createdAt %(value)r is not a date.")
            % {"id": source_id, "value": created}
        ) from None
    return Post(
        source_id=source_id,
        thread=dsq_id(element, "thread"),
        parent=dsq_id(element, "parent", required=False),
        message=text(element, "message"),
        created_at=created_at,
        is_deleted=flag(element, "isDeleted"),
        is_spam=flag(element, "isSpam"),
        author_name=text(element, "author/name"),
        author_email=text(element, "author/email"),
        is_anonymous=flag(element, "author/isAnonymous"),
        username=text(element, "author/username"),
        ip=text(element, "ipAddress"),
    )
