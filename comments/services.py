"""The comment workflows that change data: submitting, moderating, replying."""

import logging
import uuid
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from . import moderation, notifications
from .budgets import hashed
from .caching import pages_changed
from .editors import signature
from .ledger import Actor, Reason, Source
from .models import Block, Comment, Decision, Discussion, Keyword, ModerationReason
from .threads import reply_parent

logger = logging.getLogger(__name__)
Status = moderation.Status


class Refused(Exception):
    """The policy refused a submission; nothing was stored."""

    def __init__(self, verdict):
        super().__init__(", ".join(map(str, verdict.reasons)))
        self.verdict = verdict
        self.status = verdict.http_status


def comment_submit(*, discussion, data, ip_address, user_agent, honeypot=""):
    """Judge a reader's comment, store it unless refused, and return it."""
    submission = moderation.Submission(
        author_name=data["author_name"],
        author_email=data["author_email"],
        author_url=data["author_url"],
        body=data["body"],
        ip_address=ip_address or "",
        user_agent=user_agent,
        honeypot=honeypot,
    )
    with transaction.atomic():
        facts = gather_facts(discussion, submission)
        verdict = moderation.judge(submission, facts, current_rules())
        if verdict.status == moderation.REFUSED:
            logger.info("Comment refused on %s: %s", discussion.pk, verdict.reasons)
            raise Refused(verdict)
        comment = Comment(
            discussion=discussion,
            status=verdict.status,
            ip_address=ip_address,
            user_agent=user_agent[:500],
            **data,
        )
        comment.render_body()
        comment.save()
        store_reasons(comment, verdict.reasons)
        if comment.status == Comment.Status.APPROVED:
            # A held comment is seen by its author alone: the page stays.
            pages_changed([discussion.pk])
        notifications.comment_posted(comment, verdict.reasons)
    return comment


def store_reasons(comment, reasons):
    """Record why the policy decided what it did about a comment."""
    ModerationReason.objects.bulk_create(
        ModerationReason(
            comment=comment,
            code=reason.code,
            field=reason.field,
            detail=reason.detail[:200],
        )
        for reason in reasons
    )


def current_rules():
    terms = Keyword.objects.terms_by_kind()
    return moderation.Rules(
        manual_approval=settings.COMMENTS_MANUAL_APPROVAL,
        approve_known_authors=settings.COMMENTS_APPROVE_KNOWN_AUTHORS,
        link_limit=settings.COMMENTS_LINK_LIMIT,
        moderation_terms=terms[Keyword.Kind.MODERATE],
        disallowed_terms=terms[Keyword.Kind.DISALLOW],
    )


def gather_facts(discussion, submission):
    """What the database knows of the sender: one query of EXISTS tests, each
    answered from its own index."""
    same_author = Q(author_email__iexact=submission.author_email)
    tests = {
        "duplicate": Comment.objects.exclude(status=Comment.Status.TRASH).filter(
            same_author | Q(author_name=submission.author_name),
            discussion=discussion,
            body=submission.body,
        ),
        "blocked": Block.objects.covering(
            submission.author_email, submission.ip_address
        ),
    }
    if settings.COMMENTS_APPROVE_KNOWN_AUTHORS:
        tests["author_has_approved_comment"] = Comment.objects.approved().filter(
            same_author, author_name=submission.author_name
        )
    flood_marked = is_flood_marked(submission)
    if settings.COMMENTS_FLOOD_SECONDS and not flood_marked:
        tests["recent_post_by_same_sender"] = recent_posts(submission)
    found = (
        Discussion.objects.filter(pk=discussion.pk)
        .values(**{name: Exists(query) for name, query in tests.items()})
        .get()
    )
    if flood_marked:
        found["recent_post_by_same_sender"] = True
    if found.pop("blocked"):
        # Rare, so the words of the block cost a query only when one matches.
        found["blocked_by"] = "; ".join(
            map(str, tests["blocked"].order_by("created_at"))
        )
    return moderation.Facts(**found)


def is_flood_marked(submission):
    """Whether the shared cache holds a flood mark for the address or email;
    marks both for the flood interval either way.

    The shared cache answers at once and atomically across app servers; the
    database (`recent_posts`) backs it up where the cache is local to one
    process, or fails (`add()` then answers None, which refuses nobody).
    """
    seconds = settings.COMMENTS_FLOOD_SECONDS
    if not seconds:
        return False
    senders = [f"email:{submission.author_email.lower()}"]
    if submission.ip_address:
        senders.append(f"ip:{submission.ip_address}")
    fresh = [cache.add(flood_key(sender), 1, timeout=seconds) for sender in senders]
    return False in fresh


def recent_posts(submission):
    """Comments from the same address or email within the flood interval."""
    recent = Q(author_email__iexact=submission.author_email)
    if submission.ip_address:
        recent |= Q(ip_address=submission.ip_address)
    since = timezone.now() - timedelta(seconds=settings.COMMENTS_FLOOD_SECONDS)
    return Comment.objects.filter(recent, submitted_at__gte=since)


def flood_key(sender):
    """The cache key of a sender's flood mark: keyed, so not reversible."""
    return "comments:flood:" + hashed(sender, purpose="comments.flood")


@transaction.atomic
def comment_moderate(
    *,
    comments: QuerySet[Comment],
    status: Status,
    user: AbstractBaseUser | None,
    actor: Actor = Actor.EDITOR,
    source: Source = Source.BUTTON,
    reason: Reason | str = "",
    note: str = "",
    batch: uuid.UUID | None = None,
) -> int:
    """Move comments to a status and write the ledger; return how many changed.

    A fixed number of queries however many comments change: the ledger rows
    are copied from the comments in one INSERT … SELECT, before one UPDATE.
    `batch` names the decision for an undo.
    """
    changed = list(
        comments.exclude(status=status)
        .order_by()
        .values_list("pk", "discussion_id", "status")
        .select_for_update()
    )
    if not changed:
        return 0
    ids = [pk for pk, _discussion, _before in changed]
    Decision.objects.record(
        ids,
        batch=batch or uuid.uuid4(),
        created_at=timezone.now(),
        actor=actor,
        user_id=user.pk if user else None,
        source=source,
        to_status=status,
        reason=reason,
        note=note[:500],
    )
    targets = Comment.objects.filter(pk__in=ids)
    targets.update(status=status)
    # Only a comment coming into or out of public view changes a page.
    pages_changed(
        {
            discussion
            for _pk, discussion, before in changed
            if Status.APPROVED in (before, status)
        }
    )
    if status == Status.APPROVED:
        notifications.comments_approved(targets.select_related("discussion", "parent"))
    return len(changed)


@transaction.atomic
def comments_feature(*, comments: QuerySet[Comment], featured: bool) -> int:
    """Mark approved comments as editors' picks (or not); return how many."""
    changed = dict(
        comments.approved()
        .exclude(featured=featured)
        .order_by()
        .values_list("pk", "discussion_id")
    )
    Comment.objects.filter(pk__in=list(changed)).update(featured=featured)
    pages_changed(set(changed.values()))
    return len(changed)


@transaction.atomic
def comment_undo(*, batch: uuid.UUID, user: AbstractBaseUser) -> int:
    """Put each comment a decision moved back to its status before, unless it
    has moved again since; return how many went back."""
    decided = Decision.objects.filter(batch=batch, comment__status=F("to_status"))
    return moderate_each(
        decided.values_list("comment_id", "from_status"),
        user=user,
        actor=Actor.UNDO,
        source=Source.BUTTON,
        batch=uuid.uuid4(),
    )


@transaction.atomic
def comment_restore(
    *,
    comments: QuerySet[Comment],
    user: AbstractBaseUser,
    source: Source,
    batch: uuid.UUID | None = None,
) -> int:
    """Not spam / Restore: each spam or trashed comment back to the status it
    had before it went there (pending when the ledger does not say)."""
    before = Decision.objects.filter(
        comment=OuterRef("pk"), to_status=OuterRef("status")
    ).order_by("-created_at", "-pk")
    rejected = comments.filter(status__in=[Status.SPAM, Status.TRASH]).order_by()
    return moderate_each(
        rejected.annotate(
            before=Subquery(before.values("from_status")[:1])
        ).values_list("pk", "before"),
        user=user,
        actor=Actor.EDITOR,
        source=source,
        batch=batch or uuid.uuid4(),
    )


def moderate_each(pairs, **decision):
    """Move each comment of (pk, status) pairs to its own status: one
    comment_moderate per status, so the query count stays fixed."""
    groups = defaultdict(list)
    for pk, status in pairs:
        groups[status or Status.PENDING].append(pk)
    return sum(
        comment_moderate(
            comments=Comment.objects.filter(pk__in=ids), status=status, **decision
        )
        for status, ids in groups.items()
    )


@transaction.atomic
def comment_reply(*, parent, body, user):
    """Publish an editor's answer to a comment as the newsroom; return it.

    A reply to a comment that is not public approves that comment first: an
    answer makes no sense under a question nobody can read.
    """
    if parent.status != Status.APPROVED:
        comment_moderate(
            comments=Comment.objects.filter(pk=parent.pk),
            status=Status.APPROVED,
            user=user,
            source=Source.REPLY,
        )
    reply = Comment(
        discussion=parent.discussion,
        parent_id=reply_parent(
            parent.pk,
            Comment.objects.parents_of(parent.discussion),
            settings.COMMENTS_THREAD_DEPTH,
        ),
        author_name=signature(user),
        author_email=user.email or settings.DEFAULT_FROM_EMAIL,
        body=body,
        status=Comment.Status.APPROVED,
        by_newsroom=True,
    )
    reply.render_body()
    reply.save()
    Decision.objects.create(
        comment=reply,
        actor=Actor.EDITOR,
        user=user,
        source=Source.REPLY,
        to_status=Status.APPROVED,
    )
    pages_changed([reply.discussion_id])
    notifications.comments_approved([reply])
    return reply
