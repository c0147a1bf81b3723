"""The moderation policy: what happens to a submission, and why.

`judge()` is the pure core. It takes the submission, the facts the service
looked up about it, and the rules in force, and returns a verdict: refuse it
(with the HTTP status the reader gets), or store it as approved, pending or
spam. Every verdict carries reasons an editor can read.
"""

import re
from dataclasses import dataclass, field

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Status(TextChoices):
    """A comment's moderation state: the one vocabulary of the policy, the
    Comment model and the decision ledger."""

    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    SPAM = "spam", _("Spam")
    TRASH = "trash", _("Trash")


APPROVED, PENDING, SPAM = Status.APPROVED, Status.PENDING, Status.SPAM
# Not a status: the verdict on a submission that is not stored at all.
REFUSED = "refused"


class Code(TextChoices):
    """The rules, as the queue's "held because" filter lists them."""

    MANUAL_APPROVAL = "manual_approval", _("Manual approval")
    LINKS = "links", _("Too many links")
    MODERATION_TERM = "moderation_term", _("Moderation word")
    DISALLOWED_TERM = "disallowed_term", _("Disallowed word")
    HONEYPOT = "honeypot", _("Honeypot")
    KNOWN_AUTHOR = "known_author", _("Known author")
    NO_RULE_MATCHED = "no_rule_matched", _("No rule matched")
    FLOOD = "flood", _("Posting too quickly")
    DUPLICATE = "duplicate", _("Duplicate")
    BLOCKED = "blocked", _("Blocked author")


# Where terms are looked for, and the words editors read for each place.
FIELDS = {
    "author_name": _("name"),
    "author_email": _("email"),
    "author_url": _("website"),
    "body": _("comment"),
    "ip_address": _("IP address"),
    "user_agent": _("user agent"),
}

LINK = re.compile(r"(?:https?://|www\.)\S", re.IGNORECASE)


@dataclass(frozen=True)
class Submission:
    author_name: str
    author_email: str
    body: str
    author_url: str = ""
    ip_address: str = ""
    user_agent: str = ""
    honeypot: str = ""


@dataclass(frozen=True)
class Facts:
    """What the service found out about a submission before judging it."""

    author_has_approved_comment: bool = False
    recent_post_by_same_sender: bool = False
    duplicate: bool = False
    # The block that covers the author's email or address, in words; "" if none.
    blocked_by: str = ""


@dataclass(frozen=True)
class Rules:
    manual_approval: bool = True
    approve_known_authors: bool = False
    link_limit: int = 2
    moderation_terms: tuple = ()
    disallowed_terms: tuple = ()


@dataclass(frozen=True)
class Reason:
    code: str
    field: str = ""
    detail: str = ""

    def __str__(self):
        return describe(self.code, self.field, self.detail)


@dataclass(frozen=True)
class Verdict:
    status: str
    reasons: tuple = field(default_factory=tuple)
    http_status: int = 200


def judge(submission, facts, rules):
    """Decide what happens to a submission; touches no request and no database."""
    if facts.recent_post_by_same_sender:
        return Verdict(REFUSED, (Reason(Code.FLOOD),), http_status=429)
    if facts.duplicate:
        return Verdict(REFUSED, (Reason(Code.DUPLICATE),), http_status=409)
    if facts.blocked_by:
        return Verdict(SPAM, (Reason(Code.BLOCKED, detail=facts.blocked_by),))
    if submission.honeypot:
        return Verdict(SPAM, (Reason(Code.HONEYPOT),))
    if spam := matches(submission, rules.disallowed_terms, Code.DISALLOWED_TERM):
        return Verdict(SPAM, spam)
    held = link_reasons(submission, rules) + matches(
        submission, rules.moderation_terms, Code.MODERATION_TERM
    )
    if held:
        return Verdict(PENDING, held)
    if rules.approve_known_authors and facts.author_has_approved_comment:
        return Verdict(APPROVED, (Reason(Code.KNOWN_AUTHOR),))
    if rules.manual_approval:
        return Verdict(PENDING, (Reason(Code.MANUAL_APPROVAL),))
    return Verdict(APPROVED, (Reason(Code.NO_RULE_MATCHED),))


def link_reasons(submission, rules):
    count = len(LINK.findall(submission.body))
    if rules.link_limit and count >= rules.link_limit:
        return (Reason(Code.LINKS, detail=str(count)),)
    return ()


def matches(submission, terms, code):
    """A reason for every term found in any field of the submission."""
    return tuple(
        Reason(code, field=name, detail=term)
        for term in terms
        for name in FIELDS
        if contains(getattr(submission, name), term)
    )


def contains(text, term):
    """Case-insensitive; a plain word must match a whole word ("ass" ≠ "class")."""
    term = term.strip()
    if not term or not text:
        return False
    edge = r"(?<!\w){}(?!\w)" if re.fullmatch(r"\w+", term) else "{}"
    return re.search(edge.format(re.escape(term)), text, re.IGNORECASE) is not None


def describe(code, field="", detail=""):
    """A reason in the words an editor (or, for refusals, a reader) reads."""
    if code == Code.LINKS:
        count = int(detail)
        return ngettext(
            "contains %(count)d link", "contains %(count)d links", count
        ) % {"count": count}
    texts = {
        Code.MANUAL_APPROVAL: _("held for manual approval (every comment is held)"),
        Code.MODERATION_TERM: _(
            "the %(field)s contains the moderation word “%(term)s”"
        ),
        Code.DISALLOWED_TERM: _(
            "the %(field)s contains the disallowed word “%(term)s”"
        ),
        Code.HONEYPOT: _("filled in the hidden field only bots see"),
        Code.BLOCKED: _("the author is blocked: %(term)s"),
        Code.KNOWN_AUTHOR: _("approved: the author has an earlier approved comment"),
        Code.NO_RULE_MATCHED: _("approved: manual approval is off and no rule held it"),
        Code.FLOOD: _("You are posting comments too quickly. Slow down."),
        Code.DUPLICATE: _(
            "Duplicate comment detected; it looks as though you've already said that!"
        ),
    }
    return str(texts[code]) % {"field": FIELDS.get(field, field), "term": detail}
