"""A picture per commenter, drawn here: no third party learns who reads.

The identicon is a 5 by 5 symmetric pattern and a colour taken from a keyed
hash (HMAC with the site's SECRET_KEY) of the email, so the same commenter
gets the same picture while nobody can test an address against it. Gravatar
is used only when COMMENTS_GRAVATAR is on: then every reader's browser asks
Gravatar for each picture (telling it which page they read), and Gravatar
gets an unkeyed hash of each commenter's email, which can be matched.
"""

import functools
import hashlib
import hmac
from html import escape

from django.conf import settings

GRAVATAR = "https://www.gravatar.com/avatar/"
SIZE = 40


# The path of each of the 15 cells of the left half and middle, with its mirror.
CELLS = [
    f"M{column} {row}h1v1h-1z" + (f"M{4 - column} {row}h1v1h-1z" if column < 2 else "")
    for row in range(5)
    for column in range(3)
]


@functools.cache
def hash_key(secret):
    """The HMAC key, derived from the site's key as Django's salted_hmac does."""
    return hashlib.sha256(b"comments.avatar" + secret.encode()).digest()


def identicon(email):
    """An inline SVG identicon for an email (decorative: hidden from readers)."""
    return keyed_identicon(hash_key(settings.SECRET_KEY), email.strip().lower())


# Threads show the same commenters on page after page: drawing a picture cost
# a third of a comment's rendering. Keyed by the HMAC key, so a new
# SECRET_KEY draws new pictures.
@functools.lru_cache(maxsize=8192)
def keyed_identicon(key, email):
    digest = hmac.digest(key, email.encode(), "sha256")
    hue = digest[0] * 360 // 256
    path = "".join(
        cell for cell, byte in zip(CELLS, digest[1:16], strict=True) if byte & 1
    )
    return (
        f'<svg class="avatar" viewBox="0 0 5 5" width="{SIZE}" height="{SIZE}" '
        'aria-hidden="true" focusable="false">'
        f'<rect width="5" height="5" fill="hsl({hue} 30% 92%)"/>'
        f'<path fill="hsl({hue} 55% 38%)" d="{path}"/></svg>'
    )


def gravatar(email):
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    url = f"{GRAVATAR}{digest}?s={SIZE * 2}&d=identicon"
    return (
        f'<img class="avatar" src="{escape(url)}" alt="" width="{SIZE}" '
        f'height="{SIZE}" loading="lazy">'
    )


def avatar(email):
    return gravatar(email) if settings.COMMENTS_GRAVATAR else identicon(email)
