"""Remembering which pending comments a reader posted.

The ids travel in a signed cookie, so the reader sees their own comment
awaiting moderation (and nobody else does) without a session row.
"""

from django.core import signing

COOKIE = "newsroom_pending"
SALT = "comments.pending"
MAX_AGE = 60 * 60 * 24 * 30
KEEP = 20


def pending_ids(request):
    try:
        value = request.get_signed_cookie(COOKIE, salt=SALT, max_age=MAX_AGE)
    except (KeyError, signing.BadSignature):
        return []
    return [int(part) for part in value.split(":") if part.isdigit()]


def remember_pending(request, response, comment):
    ids = [*pending_ids(request), comment.pk][-KEEP:]
    response.set_signed_cookie(
        COOKIE,
        ":".join(map(str, ids)),
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
    )
