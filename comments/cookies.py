"""What a reader's browser remembers for them, in cookies only we can read.

The ids of the reader's own pending comments (so they, and nobody else, see
them awaiting moderation) and of the comments they may still edit, signed;
and, only if they ask, their name, email and website for the next comment,
encrypted. None needs a session row.

The remembered fields are encrypted (Fernet: AES with an HMAC, so also
tamper-proof and dated) with a key derived from SECRET_KEY, so the cookie
shows nothing to a script, an extension or a proxy log; a key in
SECRET_KEY_FALLBACKS still opens older cookies. Every cookie is HttpOnly
(no script of ours reads one), SameSite=Lax and, under HTTPS, Secure.
"""

import base64
import json
import uuid

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

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


def options(max_age=None):
    return {
        "max_age": max_age,
        "secure": settings.HTTPS,
        "httponly": True,
        "samesite": "Lax",
    }


def signed_ids(request, name, salt, max_age):
    """The comment ids a signed cookie holds ([] if it is missing or forged)."""
    try:
        value = request.get_signed_cookie(name, salt=salt, max_age=max_age)
    except (KeyError, signing.BadSignature):
        return []
    return [int(part) for part in value.split(":") if part.isdigit()]


def add_signed_id(request, response, comment, *, name, salt, max_age, keep):
    ids = [*signed_ids(request, name, salt, max_age), comment.pk][-keep:]
    response.set_signed_cookie(
        name, ":".join(map(str, ids)), salt=salt, **options(max_age)
    )


def pending_ids(request):
    return signed_ids(request, PENDING, PENDING_SALT, PENDING_MAX_AGE)


def remember_pending(request, response, comment):
    add_signed_id(
        request,
        response,
        comment,
        name=PENDING,
        salt=PENDING_SALT,
        max_age=PENDING_MAX_AGE,
        keep=PENDING_KEEP,
    )


def edit_seconds():
    return settings.COMMENTS_EDIT_MINUTES * 60


def own_ids(request):
    """The comments this browser wrote, as long as they may still be edited."""
    return signed_ids(request, OWN, OWN_SALT, edit_seconds())


def remember_own(request, response, comment):
    """Let this browser edit the comment during the edit window."""
    if edit_seconds():
        add_signed_id(
            request,
            response,
            comment,
            name=OWN,
            salt=OWN_SALT,
            max_age=edit_seconds(),
            keep=OWN_KEEP,
        )


def commenter_cipher():
    """Fernet keys from SECRET_KEY, then each of SECRET_KEY_FALLBACKS."""
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([Fernet(fernet_key(secret)) for secret in secrets])


def fernet_key(secret):
    digest = salted_hmac(COMMENTER_SALT, "key", secret=secret, algorithm="sha256")
    return base64.urlsafe_b64encode(digest.digest())


def remembered_commenter(request):
    """The name, email and website the reader asked us to remember, or {}."""
    token = request.COOKIES.get(COMMENTER, "")
    try:
        saved = json.loads(
            commenter_cipher().decrypt(token.encode(), ttl=COMMENTER_MAX_AGE)
        )
    except (InvalidToken, ValueError):
        return {}
    if not isinstance(saved, dict):
        return {}
    return {name: str(saved[name]) for name in COMMENTER_FIELDS if name in saved}


def remember_commenter(response, data):
    # UTF-8 rather than \u escapes: half the size for a name in Cyrillic or
    # Chinese, so the longest fields stay well inside a cookie's 4 KB.
    saved = json.dumps(
        {name: data[name] for name in COMMENTER_FIELDS}, ensure_ascii=False
    )
    token = commenter_cipher().encrypt(saved.encode())
    response.set_cookie(COMMENTER, token.decode(), **options(COMMENTER_MAX_AGE))


def forget_commenter(response):
    response.set_cookie(COMMENTER, "", **options(max_age=0))


# A random id per browser: one recommend per comment (comments.recommending).
BROWSER = "newsroom_browser"
BROWSER_SALT = "comments.browser"
BROWSER_MAX_AGE = 60 * 60 * 24 * 365

READER = "newsroom_reader"
READER_SALT = "comments.reader"
READER_MAX_AGE = 60 * 60 * 24 * 365


def reader_id(request):
    """The reader's random id (for one report per reader), new if none yet."""
    try:
        return request.get_signed_cookie(
            READER, salt=READER_SALT, max_age=READER_MAX_AGE
        )
    except (KeyError, signing.BadSignature):
        return uuid.uuid4().hex


def remember_reader(response, value):
    # Sent only to the report pages: the article page stays the same for all.
    response.set_signed_cookie(
        READER,
        value,
        salt=READER_SALT,
        path="/comments/",
        **options(max_age=READER_MAX_AGE),
    )
