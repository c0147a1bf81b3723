"""Imported comments held to the comment form's rules.

An export is not a form: nothing has checked what it holds. Each comment is
checked with the form's own validators; what fails is made safe (a website
that is not http(s) or an invalid email left out, control and invisible
characters removed, text past the form's limit cut) and reported against the
comment, never stored raw.
"""

import functools
import ipaddress
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext

from comments.forms import no_invisible_characters, validate_website
from comments.models import Comment
from comments.privacy import truncate_ip

from . import content

# The form's no_control_characters, as a regex: Unicode's Cc class but the
# tab and line breaks. Bodies are long; a regex scans them at C speed.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}  # what no_invisible_characters refuses


def max_length(name):
    return Comment._meta.get_field(name).max_length


NAME_LIMIT = max_length("author_name")
EMAIL_LIMIT = max_length("author_email")
WEBSITE_LIMIT = max_length("author_url")
BODY_LIMIT = max_length("body")


@dataclass
class Cleaned:
    """A comment's author and text, made safe, with what had to be fixed."""

    name: str
    email: str
    website: str
    body: str
    problems: list = field(default_factory=list)


def clean_comment(*, name, email, website, body):
    cleaned = Cleaned(
        name=clean_name(name), email=email.strip(), website=website.strip(), body=body
    )
    problems = cleaned.problems
    if len(name.strip()) > NAME_LIMIT:
        problems.append(
            gettext("name cut to %(limit)s characters") % {"limit": NAME_LIMIT}
        )
    elif cleaned.name != name.strip():
        problems.append(gettext("invisible characters removed from the name"))
    if cleaned.email and not valid_email(cleaned.email):
        problems.append(
            gettext("email %(email)r is not valid: left out") % {"email": email}
        )
        cleaned.email = ""
    if cleaned.website and not valid_website(cleaned.website):
        problems.append(
            gettext("website %(url)r is not an http(s) address: left out")
            % {"url": website[:80]}
        )
        cleaned.website = ""
    if CONTROL.search(body):
        cleaned.body = CONTROL.sub("", body)
        problems.append(gettext("control characters removed from the text"))
    if len(cleaned.body) > BODY_LIMIT:
        problems.append(
            gettext("text of %(length)s characters cut to %(limit)s")
            % {"length": len(cleaned.body), "limit": BODY_LIMIT}
        )
        cleaned.body = cleaned.body[:BODY_LIMIT]
    return cleaned


def clean_name(name):
    name = name.strip()
    try:
        no_invisible_characters(name)
    except ValidationError:
        visible = (c for c in name if unicodedata.category(c) not in INVISIBLE)
        name = " ".join("".join(visible).split())
    return name[:NAME_LIMIT]


# Remembered: the same commenters come back again and again.
@functools.lru_cache(maxsize=4096)
def valid_email(value):
    return valid(validate_email, value, EMAIL_LIMIT)


@functools.lru_cache(maxsize=4096)
def valid_website(value):
    return valid(validate_website, value, WEBSITE_LIMIT) and valid(
        no_invisible_characters, value, WEBSITE_LIMIT
    )


def valid(validator, value, limit):
    if len(value) > limit:
        return False
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def comment_values(*, name, email, website, html, ip, submitted_at, retention_cutoff):
    """A comment's fields from what an export holds, and what had to be fixed."""
    cleaned = clean_comment(
        name=name, email=email, website=website, body=content.html_to_text(html)
    )
    values = {
        "author_name": cleaned.name or gettext("Anonymous"),
        "author_email": cleaned.email,
        "author_url": cleaned.website,
        "ip_address": ip_address(ip, submitted_at < retention_cutoff),
        "submitted_at": submitted_at,
        "body": cleaned.body,
        "is_removed": not cleaned.body,
    }
    return values, cleaned.problems


def ip_address(value, past_retention):
    """A valid address, truncated if kept past retention; None otherwise."""
    try:
        address = str(ipaddress.ip_address(value))
    except ValueError:
        return None
    return truncate_ip(address) if past_retention else address
