"""The comment workflows that change data: submitting, moderating, replying."""

import hashlib
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import moderation, notifications
from .caching import pages_changed
from .models import Comment, Keyword, ModerationReason
from .threads import reply_parent

logger = logging.getLogger(__name__)


class Refused(Exception):
    """The policy refused a submission; nothing was stored."""

    def __init__(self, verdict):
        super().__init__(", ".join(map(str, verdict.reasons)))
        self.verdict = verdict
        self.status = verdict.http_status


def comment_submit(*, article, data, ip_address, user_agent, honeypot=""):
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
        facts = gather_facts(article, submission)
        verdict = moderation.judge(submission, facts, current_rules())
        if verdict.status == moderation.REFUSED:
            logger.info("Comment refused on %s: %s", article.slug, verdict.reasons)
            raise Refused(verdict)
        comment = Comment(
            article=article,
            status=verdict.status,
            ip_address=ip_address,
            user_agent=user_agent[:500],
            **data,
        )
        comment.render_body()
        comment.save()
        ModerationReason.objects.bulk_create(
            ModerationReason(
                comment=comment,
                code=reason.code,
                field=reason.field,
                detail=reason.detail[:200],
            )
            for reason in verdict.reasons
        )
        if comment.status == Comment.Status.APPROVED:
            # A held comment is seen by its author alone: the page stays.
            pages_changed([article.pk])
        notifications.comment_posted(comment)
    return comment


def current_rules():
    return moderation.Rules(
        manual_approval=settings.COMMENTS_MANUAL_APPROVAL,
        approve_known_authors=settings.COMMENTS_APPROVE_KNOWN_AUTHORS,
        link_limit=settings.COMMENTS_LINK_LIMIT,
        moderation_terms=Keyword.objects.terms(Keyword.Kind.MODERATE),
        disallowed_terms=Keyword.objects.terms(Keyword.Kind.DISALLOW),
    )


def gather_facts(article, submission):
    return moderation.Facts(
        author_has_approved_comment=settings.COMMENTS_APPROVE_KNOWN_AUTHORS
        and Comment.objects.approved()
        .filter(
            author_email__iexact=submission.author_email,
            author_name=submission.author_name,
        )
        .exists(),
        recent_post_by_same_sender=is_flooding(submission),
        duplicate=Comment.objects.exclude(status=Comment.Status.TRASH)
        .filter(
            Q(author_email__iexact=submission.author_email)
            | Q(author_name=submission.author_name),
            article=article,
            body=submission.body,
        )
        .exists(),
    )


def is_flooding(submission):
    """Whether the same address or email posted within the flood interval.

    The shared cache answers at once and atomically across app servers; the
    database backs it up where the cache is local to one process, or fails
    (`add()` then answers None, which refuses nobody).
    """
    seconds = settings.COMMENTS_FLOOD_SECONDS
    if not seconds:
        return False
    senders = [f"email:{submission.author_email.lower()}"]
    if submission.ip_address:
        senders.append(f"ip:{submission.ip_address}")
    fresh = [cache.add(flood_key(sender), 1, timeout=seconds) for sender in senders]
    recent = Q(author_email__iexact=submission.author_email)
    if submission.ip_address:
        recent |= Q(ip_address=submission.ip_address)
    since = timezone.now() - timedelta(seconds=seconds)
    return False in fresh or (
        Comment.objects.filter(recent, submitted_at__gte=since).exists()
    )


def flood_key(sender):
    return "comments:flood:" + hashlib.sha256(sender.encode()).hexdigest()


@transaction.atomic
def comment_moderate(*, comments, status, user):
    """Move comments to a status, record who did it, return how many changed."""
    changed = list(
        comments.exclude(status=status)
        .prefetch_related(None)
        .select_related(None)
        .only("pk", "author_name", "article_id", "status")
        .select_for_update()
    )
    if not changed:
        return 0
    ids = [comment.pk for comment in changed]
    Comment.objects.filter(pk__in=ids).update(status=status)
    # Only a comment coming into or out of public view changes a page.
    pages_changed(
        {
            comment.article_id
            for comment in changed
            if Comment.Status.APPROVED in (comment.status, status)
        }
    )
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=changed,
        action_flag=CHANGE,
        change_message=decision_message(status),
    )
    if status == Comment.Status.APPROVED:
        notifications.comments_approved(
            Comment.objects.filter(pk__in=ids).select_related("article", "parent")
        )
    return len(changed)


def decision_message(status):
    """The history's record of a decision: "Changed Status." for the admin,
    and the new status, one fixed text per status, for the desk to count."""
    return json.dumps([{"changed": {"fields": ["Status"]}, "status": status}])


@transaction.atomic
def comment_reply(*, parent, body, user):
    """Publish an editor's answer to a comment as the newsroom; return it.

    A reply to a comment that is not public approves that comment first: an
    answer makes no sense under a question nobody can read.
    """
    if parent.status != Comment.Status.APPROVED:
        comment_moderate(
            comments=Comment.objects.filter(pk=parent.pk),
            status=Comment.Status.APPROVED,
            user=user,
        )
    reply = Comment(
        article=parent.article,
        parent_id=reply_parent(
            parent.pk,
            Comment.objects.parents_of(parent.article),
            settings.COMMENTS_THREAD_DEPTH,
        ),
        author_name=user.get_full_name() or user.get_username(),
        author_email=user.email or settings.DEFAULT_FROM_EMAIL,
        body=body,
        status=Comment.Status.APPROVED,
        by_newsroom=True,
    )
    reply.render_body()
    reply.save()
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[reply],
        action_flag=ADDITION,
        change_message=[{"added": {}}],
    )
    pages_changed([reply.article_id])
    notifications.comments_approved([reply])
    return reply
