"""What a reader's browser remembers for them, in signed cookies.

The ids of the reader's own pending comments (so they, and nobody else, see
them awaiting moderation) and, only if they ask, their name, email and
website for the next comment. Neither needs a session row.
"""

import json
import uuid

from django.core import signing

PENDING = "newsroom_pending"
PENDING_SALT = "comments.pending"
PENDING_MAX_AGE = 60 * 60 * 24 * 30
PENDING_KEEP = 20

COMMENTER = "newsroom_commenter"
COMMENTER_SALT = "comments.commenter"
COMMENTER_MAX_AGE = 60 * 60 * 24 * 365
COMMENTER_FIELDS = ["author_name", "author_email", "author_url"]


def read(request, name, salt, max_age):
    try:
        return request.get_signed_cookie(name, salt=salt, max_age=max_age)
    except (KeyError, signing.BadSignature):
        return None


def pending_ids(request):
    value = read(request, PENDING, PENDING_SALT, PENDING_MAX_AGE) or ""
    return [int(part) for part in value.split(":") if part.isdigit()]


def remember_pending(request, response, comment):
    ids = [*pending_ids(request), comment.pk][-PENDING_KEEP:]
    response.set_signed_cookie(
        PENDING,
        ":".join(map(str, ids)),
        salt=PENDING_SALT,
        max_age=PENDING_MAX_AGE,
        httponly=True,
        samesite="Lax",
    )


def remembered_commenter(request):
    """The name, email and website the reader asked us to remember, or {}."""
    try:
        saved = json.loads(read(request, COMMENTER, COMMENTER_SALT, None) or "{}")
    except ValueError:
        return {}
    if not isinstance(saved, dict):
        return {}
    return {name: str(saved[name]) for name in COMMENTER_FIELDS if name in saved}


def remember_commenter(response, data):
    response.set_signed_cookie(
        COMMENTER,
        json.dumps({name: data[name] for name in COMMENTER_FIELDS}),
        salt=COMMENTER_SALT,
        max_age=COMMENTER_MAX_AGE,
        httponly=True,
        samesite="Lax",
    )


def forget_commenter(response):
    response.delete_cookie(COMMENTER, samesite="Lax")


READER = "newsroom_reader"
READER_SALT = "comments.reader"
READER_MAX_AGE = 60 * 60 * 24 * 365


def reader_id(request):
    """The reader's random id (for one report per reader), new if none yet."""
    return read(request, READER, READER_SALT, READER_MAX_AGE) or uuid.uuid4().hex


def remember_reader(response, value):
    # Sent only to the report pages: the article page stays the same for all.
    response.set_signed_cookie(
        READER,
        value,
        salt=READER_SALT,
        max_age=READER_MAX_AGE,
        path="/comments/",
        httponly=True,
        samesite="Lax",
    )
