"""Readers' follow-up emails: the signed links that stop them.

An unsubscribe link names one comment and carries a keyed digest of the
address it was made for (not the address itself: links end up in logs). It
works for a year, from any mail client: opening it shows a button (mail
scanners follow links, so a GET changes nothing), and a POST, the button's or
a mail client's RFC 8058 one-click, unsubscribes.
"""

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Comment

UNSUBSCRIBE_SALT = "comments.unsubscribe.v2"
ADDRESS_SALT = "comments.subscriptions.address"
LINK_MAX_AGE = 60 * 60 * 24 * 365


def address_digest(email):
    return salted_hmac(ADDRESS_SALT, email.strip().lower()).hexdigest()[:20]


def unsubscribe_token(comment):
    return signing.dumps(
        [comment.pk, address_digest(comment.author_email)], salt=UNSUBSCRIBE_SALT
    )


def comment_from_token(token):
    """The comment an unsubscribe link was made for, if it still has that address.

    SignatureExpired once the link is a year old; BadSignature if it was
    forged or the comment no longer has the address; Comment.DoesNotExist.
    """
    pk, digest = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=LINK_MAX_AGE)
    comment = Comment.objects.select_related("article").get(pk=pk)
    if not constant_time_compare(address_digest(comment.author_email), digest):
        raise signing.BadSignature(token)
    return comment


def unsubscribe(comment):
    """No more follow-ups for this address on this comment's article."""
    return Comment.objects.filter(
        article=comment.article, author_email__iexact=comment.author_email
    ).update(notify_replies=False)
