"""Readers recommend comments: one per browser, a few per address, no account.

A recommend writes one row and adds one to the comment's count; it replaces
no cached page. Pages show the count as of their rendering, and the page's
script fetches the current counts of the discussion's comments in one query
(`recommend_counts`, cached by browsers and proxies for half a minute). The
"Most recommended" order is sorted again when the thread changes, and at most
every COMMENTS_RECOMMENDED_ORDER_SECONDS otherwise: the cost of a click is a
row and an UPDATE, never a re-render of every reader's page.
"""

import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.utils.crypto import salted_hmac

from . import cookies
from .models import Comment, Recommendation


def keyed(value):
    """A keyed hash: the same value matches, but the value cannot be read back."""
    return salted_hmac("comments.recommend", value, algorithm="sha256").hexdigest()


def browser_id(request):
    """This browser's random id from its signed cookie, or None."""
    try:
        return request.get_signed_cookie(
            cookies.BROWSER, salt=cookies.BROWSER_SALT, max_age=cookies.BROWSER_MAX_AGE
        )
    except (KeyError, signing.BadSignature):
        return None


def new_browser_id():
    return secrets.token_urlsafe(18)


def remember_browser(response, value):
    response.set_signed_cookie(
        cookies.BROWSER,
        value,
        salt=cookies.BROWSER_SALT,
        **cookies.options(max_age=cookies.BROWSER_MAX_AGE),
    )


@transaction.atomic
def comment_recommend(*, comment: Comment, browser: str, address: str | None) -> bool:
    """Record one browser's recommend; False if it had, or its address is spent."""
    address_key = keyed(address) if address else ""
    if address_key and (
        Recommendation.objects.filter(comment=comment, address=address_key).count()
        >= settings.COMMENTS_RECOMMENDS_PER_ADDRESS
    ):
        return False
    _row, created = Recommendation.objects.get_or_create(
        comment=comment, browser=keyed(browser), defaults={"address": address_key}
    )
    if created:
        Comment.objects.filter(pk=comment.pk).update(
            recommend_count=F("recommend_count") + 1
        )
    return created


def recommend_counts(discussion):
    """{comment id: recommends} for the discussion's public comments that have any."""
    return dict(
        Comment.objects.approved()
        .filter(discussion=discussion, recommend_count__gt=0)
        .values_list("pk", "recommend_count")
    )
