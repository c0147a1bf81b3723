"""Emails about comments: to editors when one is held, to readers who asked.

A reader's address gets follow-ups only once confirmed (subscriptions.py):
ticking "Notify me" first sends a confirmation, at most one a day.

Messages are built in the request and queued in its transaction; the
worker sends them once it commits, retrying a mail server that fails (see
comments/tasks.py): a slow or broken mail server never slows, fails or loses
a comment, and a restart loses no email.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Comment
from .prepared import prepared
from .subscriptions import (
    address_key,
    address_to_ask,
    confirm_token,
    confirmed_addresses,
    unsubscribe_token,
)
from .tasks import queue_email


def comment_posted(comment, reasons):
    """After a reader's comment is stored: tell editors (with the policy's
    `reasons`, as the verdict gave them), and maybe a parent."""
    messages = []
    if comment.status == Comment.Status.PENDING:
        messages += to_editors("held", comment, reasons)
    elif settings.COMMENTS_NOTIFY_EVERY_COMMENT:
        messages += to_editors("new", comment, reasons)
    if comment.status == Comment.Status.APPROVED:
        messages += reply_notice(comment, followers_confirmed([comment]))
    if comment.notify_replies and comment.status != Comment.Status.SPAM:
        messages += confirmation_request(comment)
    send_after_commit(messages)


def comments_approved(comments):
    """After an editor approved comments: tell their authors and parents."""
    messages = []
    confirmed = followers_confirmed(comments)
    for comment in comments:
        if comment.notify_replies and address_key(comment.author_email) in confirmed:
            messages.append(to_reader("approved", comment, comment))
        messages += reply_notice(comment, confirmed)
    send_after_commit(messages)


def followers_confirmed(comments):
    """The confirmed addresses among the comments' and their parents' (who
    asked for follow-ups)."""
    asking = [*comments, *(c.parent for c in comments if c.parent_id)]
    return confirmed_addresses(c.author_email for c in asking if c.notify_replies)


def reply_notice(reply, confirmed):
    parent = reply.parent
    if (
        parent is None
        or not parent.notify_replies
        or parent.status != Comment.Status.APPROVED
        or address_key(parent.author_email) not in confirmed
        or parent.author_email.lower() == reply.author_email.lower()
    ):
        return []
    return [to_reader("reply", parent, reply)]


def confirmation_request(comment):
    """The email that asks the reader to confirm their address, if due."""
    address = address_to_ask(comment.author_email)
    if address is None:
        return []
    confirm_url = reverse("comments:confirm", args=[confirm_token(address)])
    context = {"comment": comment, "confirm_url": absolute(confirm_url)}
    return [compose("confirm", "confirm", context, [comment.author_email])]


def to_editors(kind, comment, reasons):
    recipients = editor_addresses()
    if not recipients:
        return []
    context = {
        "comment": comment,
        "reasons": [str(reason) for reason in reasons],
        "admin_url": absolute(
            reverse("admin:comments_comment_change", args=[comment.pk])
        ),
        "decide_url": absolute(
            reverse("admin:comments_comment_decide", args=[comment.pk])
        ),
        "queue_url": absolute(reverse("admin:comments_comment_changelist")),
        "article_url": absolute(comment.discussion.get_absolute_url()),
        "held": kind == "held",
    }
    return [compose(kind, "editors", context, recipients)]


def to_reader(kind, recipient_comment, comment):
    """A message to the author of `recipient_comment` about `comment`."""
    unsubscribe_url = absolute(
        reverse("comments:unsubscribe", args=[unsubscribe_token(recipient_comment)])
    )
    context = {
        "comment": comment,
        "recipient_comment": recipient_comment,
        "comment_url": absolute(reverse("comments:permalink", args=[comment.pk])),
        "unsubscribe_url": unsubscribe_url,
    }
    message = compose(kind, kind, context, [recipient_comment.author_email])
    message.extra_headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return message


def compose(subject, body, context, to):
    """An email from comments/email/<subject>_subject.txt and <body>_body.txt."""
    subject = render_to_string(f"comments/email/{subject}_subject.txt", context)
    return EmailMessage(
        " ".join(subject.split()),
        render_to_string(f"comments/email/{body}_body.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        to,
    )


def editor_addresses():
    if settings.COMMENTS_NOTIFY_RECIPIENTS:
        return list(settings.COMMENTS_NOTIFY_RECIPIENTS)
    return sorted({email for (email,) in editor_emails()})


@prepared
def editor_emails():
    """Every held comment asks for them: the query is built once."""
    editors = get_user_model().objects.filter(groups__name="Editors", is_active=True)
    return editors.exclude(email="").values_list("email")


def absolute(path):
    return settings.NEWSROOM_SITE_URL + path


def send_after_commit(messages):
    """Queue in the current transaction: sent once it commits, never if not."""
    for message in messages:
        queue_email(message)
