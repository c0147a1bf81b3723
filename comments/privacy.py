"""Commenters' personal data: what an export holds, how erasure and retention cut.

Plain functions on values and Comment instances, touching no database; the
workflows that read and write rows are in services.py.
"""

import csv
import ipaddress
import json

from django.conf import settings
from django.db.models import TextChoices
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import cookies

# IPv4 keeps its /24 and IPv6 its /48: enough to tell that abuse comes from
# one network, too little to single out a household.
PREFIX_LENGTHS = {4: 24, 6: 48}

# How a truncated address reads (a zero last octet, or at most three groups
# then "::"), so retention can skip those rows in SQL on every engine.
TRUNCATED_IP = r"^([0-9]+\.[0-9]+\.[0-9]+\.0|[0-9a-f]{0,4}(:[0-9a-f]{1,4}){0,2}::)$"

ANONYMISED_FIELDS = [
    "author_name",
    "author_email",
    "author_url",
    "ip_address",
    "user_agent",
]

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

EXPORT_COLUMNS = {
    "comment": _("Comment"),
    "discussion": _("Discussion"),
    "page": _("Page address"),
    "submitted_at": _("Date"),
    "status": _("Status"),
    "author_name": _("Name"),
    "author_email": _("Email"),
    "author_url": _("Website"),
    "ip_address": _("IP address"),
    "user_agent": _("User agent"),
    "body": _("Text"),
    "in_reply_to": _("In reply to"),
}


def truncate_ip(address):
    """The network part of an address: 203.0.113.7 becomes 203.0.113.0."""
    if not address:
        return address
    ip = ipaddress.ip_address(address)
    host_bits = ip.max_prefixlen - PREFIX_LENGTHS[ip.version]
    return str(type(ip)(int(ip) >> host_bits << host_bits))


def trim(comment):
    """What retention leaves of a comment's connection data."""
    comment.ip_address = truncate_ip(comment.ip_address)
    comment.user_agent = ""


def anonymise(comment):
    """Strip a comment of its author, as WordPress's personal data eraser does."""
    trim(comment)
    comment.author_name = gettext("Anonymous")
    comment.author_email = ""
    comment.author_url = ""


def remove_text(comment):
    comment.body = ""
    comment.is_removed = True


class Fate(TextChoices):
    ANONYMISED = "anonymised", _("text kept")
    PLACEHOLDER = "placeholder", _("text deleted, kept as a placeholder for replies")
    DELETED = "deleted", _("deleted")


def plan_erasure(comments, replied_to, delete_text):
    """Pair each comment with its fate when its author's data is erased.

    `replied_to` holds the ids of comments that other people answered. With
    `delete_text`, such a comment and every erased comment above it stay as
    placeholders so the thread still reads; the others are deleted outright.
    """
    if not delete_text:
        return [(comment, Fate.ANONYMISED) for comment in comments]
    parents = {comment.pk: comment.parent_id for comment in comments}
    kept = set()
    for pk in replied_to & parents.keys():
        while pk in parents and pk not in kept:
            kept.add(pk)
            pk = parents[pk]
    return [
        (comment, Fate.PLACEHOLDER if comment.pk in kept else Fate.DELETED)
        for comment in comments
    ]


def export_row(comment):
    return {
        "comment": comment.pk,
        "discussion": comment.discussion.title,
        "page": comment.discussion.url or "",
        "submitted_at": comment.submitted_at.isoformat(),
        "status": comment.get_status_display(),
        "author_name": comment.author_name,
        "author_email": comment.author_email,
        "author_url": comment.author_url,
        "ip_address": comment.ip_address or "",
        "user_agent": comment.user_agent,
        "body": comment.body,
        "in_reply_to": comment.parent_id or "",
    }


def neutralise(value):
    """A CSV cell that a spreadsheet shows as text instead of running it."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_json(rows, stream):
    json.dump(rows, stream, ensure_ascii=False, indent=2)


def write_csv(rows, stream):
    # The byte order mark tells spreadsheets the file is UTF-8.
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow([str(label) for label in EXPORT_COLUMNS.values()])
    for row in rows:
        writer.writerow([neutralise(row[key]) for key in EXPORT_COLUMNS])


EXPORT_FORMATS = {
    "json": ("application/json", write_json),
    "csv": ("text/csv; charset=utf-8", write_csv),
}


def policy_text():
    """The privacy policy's section on comments, for the settings in force."""
    context = {
        "retention_days": settings.NEWSROOM_IP_RETENTION_DAYS,
        "cookie": cookies.PENDING,
        "cookie_days": cookies.PENDING_MAX_AGE // (60 * 60 * 24),
        "commenter_cookie": cookies.COMMENTER,
        "commenter_days": cookies.COMMENTER_MAX_AGE // (60 * 60 * 24),
    }
    return render_to_string("comments/privacy_policy.md", context)
