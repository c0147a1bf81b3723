"""Readers' follow-up emails: who may get them, and the signed links.

Double opt-in: ticking "Notify me" sends one confirmation email (at most one
a day to an address); until the reader opens its link and presses the
button, nothing else goes to that address. Anyone can type anyone's address
into the form, so the site never mails a stranger more than that.

An unsubscribe link names one comment and carries a keyed digest of the
address it was made for (not the address itself: links end up in logs). It
works for a year, from any mail client: opening it shows a button (mail
scanners follow links, so a GET changes nothing), and a POST, the button's or
a mail client's RFC 8058 one-click, unsubscribes.
"""

from datetime import timedelta

from django.core import signing
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Comment, NotificationAddress

UNSUBSCRIBE_SALT = "comments.unsubscribe.v2"
ADDRESS_SALT = "comments.subscriptions.address"
LINK_MAX_AGE = 60 * 60 * 24 * 365
CONFIRM_SALT = "comments.subscriptions.confirm"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 30
ASK_AT_MOST_EVERY = timedelta(days=1)


def address_key(email):
    return email.strip().lower()


def address_digest(email):
    return salted_hmac(ADDRESS_SALT, address_key(email)).hexdigest()[:20]


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
    comment = Comment.objects.select_related("discussion").get(pk=pk)
    if not constant_time_compare(address_digest(comment.author_email), digest):
        raise signing.BadSignature(token)
    return comment


def unsubscribe(comment):
    """No more follow-ups for this address on this comment's discussion."""
    return Comment.objects.filter(
        discussion=comment.discussion, author_email__iexact=comment.author_email
    ).update(notify_replies=False)


def confirmed_addresses(emails):
    """Which of these addresses confirmed they want follow-ups (one query)."""
    keys = {address_key(email) for email in emails}
    if not keys:
        return set()
    return set(
        NotificationAddress.objects.confirmed()
        .filter(email__in=keys)
        .values_list("email", flat=True)
    )


def address_to_ask(email):
    """The address row to send a confirmation to now, or None: confirmed
    already, or asked within the last day."""
    now = timezone.now()
    address, created = NotificationAddress.objects.get_or_create(
        email=address_key(email), defaults={"asked_at": now}
    )
    if created:
        return address
    asked_again = NotificationAddress.objects.filter(
        pk=address.pk, confirmed_at=None, asked_at__lte=now - ASK_AT_MOST_EVERY
    ).update(asked_at=now)
    return address if asked_again else None


def confirm_token(address):
    return signing.dumps([address.pk, address_digest(address.email)], salt=CONFIRM_SALT)


def address_from_token(token):
    """The address a confirmation link was made for; SignatureExpired after
    30 days, BadSignature if forged, NotificationAddress.DoesNotExist."""
    pk, digest = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    address = NotificationAddress.objects.get(pk=pk)
    if not constant_time_compare(address_digest(address.email), digest):
        raise signing.BadSignature(token)
    return address


def confirm(address):
    NotificationAddress.objects.filter(pk=address.pk, confirmed_at=None).update(
        confirmed_at=timezone.now()
    )
