"""What a reader's browser remembers for them, in signed cookies.

The ids of the reader's own pending comments (so they, and nobody else, see
them awaiting moderation), of the comments they may still edit, and, only if
they ask, their name, email and website for the next comment. None needs a
session row.
"""

import json

from django.conf import settings
from django.core import signing

PENDING = "newsroom_pending"
PENDING_SALT = "comments.pending"
PENDING_MAX_AGE = 60 * 60 * 24 * 30
PENDING_KEEP = 20

# The comments this browser wrote within the edit window (COMMENTS_EDIT_MINUTES).
OWN = "newsroom_own"
OWN_SALT = "comments.own"
OWN_KEEP = 20

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


def own_ids(request):
    """The comments this browser wrote, as long as they may still be edited."""
    max_age = settings.COMMENTS_EDIT_MINUTES * 60
    value = read(request, OWN, OWN_SALT, max_age) or ""
    return [int(part) for part in value.split(":") if part.isdigit()]


def remember_own(request, response, comment):
    """Let this browser edit the comment during the edit window."""
    max_age = settings.COMMENTS_EDIT_MINUTES * 60
    if not max_age:
        return
    ids = [*own_ids(request), comment.pk][-OWN_KEEP:]
    response.set_signed_cookie(
        OWN,
        ":".join(map(str, ids)),
        salt=OWN_SALT,
        max_age=max_age,
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
