"""The comment workflows that change data: submitting, moderating, erasing."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst

from . import moderation, notifications, privacy
from .caching import invalidate_threads
from .models import Comment, Keyword, ModerationReason

logger = logging.getLogger(__name__)

# What the history records as changed for comments that stay after erasure.
ERASED_FIELDS = {
    privacy.Fate.ANONYMISED: privacy.ANONYMISED_FIELDS,
    privacy.Fate.PLACEHOLDER: [*privacy.ANONYMISED_FIELDS, "body"],
}


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
        comment = Comment.objects.create(
            article=article,
            status=verdict.status,
            ip_address=ip_address,
            user_agent=user_agent[:500],
            **data,
        )
        ModerationReason.objects.bulk_create(
            ModerationReason(
                comment=comment,
                code=reason.code,
                field=reason.field,
                detail=reason.detail[:200],
            )
            for reason in verdict.reasons
        )
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
    database backs it up where the cache is local to one process.
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
    return not all(fresh) or (
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
        .only("pk", "author_name", "article_id")
        .select_for_update()
    )
    if not changed:
        return 0
    ids = [comment.pk for comment in changed]
    Comment.objects.filter(pk__in=ids).update(status=status)
    invalidate_threads({comment.article_id for comment in changed})
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=changed,
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": ["Status"]}}],
    )
    if status == Comment.Status.APPROVED:
        notifications.comments_approved(
            Comment.objects.filter(pk__in=ids).select_related("article", "parent")
        )
    return len(changed)


def personal_data_export(email):
    """Every comment made with an email address, as rows for a file."""
    comments = (
        Comment.objects.by_email(email)
        .select_related("article")
        .order_by("submitted_at", "pk")
    )
    return [privacy.export_row(comment) for comment in comments]


@transaction.atomic
def personal_data_erase(*, email, delete_text, user=None, dry_run=False):
    """Anonymise every comment made with an email address; return the plan.

    The plan pairs each comment with its fate (see privacy.plan_erasure). A
    dry run changes nothing; otherwise `user` is recorded in the history.
    """
    comments = list(
        Comment.objects.by_email(email)
        .select_related("article")
        .select_for_update(of=("self",))
        .order_by("submitted_at", "pk")
    )
    replied_to = set(
        Comment.objects.filter(parent__in=comments)
        .exclude(pk__in=[comment.pk for comment in comments])
        .values_list("parent_id", flat=True)
    )
    plan = privacy.plan_erasure(comments, replied_to, delete_text)
    if not dry_run:
        apply_erasure(plan, user)
    return plan


def apply_erasure(plan, user):
    groups = {fate: [] for fate in privacy.Fate}
    for comment, fate in plan:
        privacy.anonymise(comment)
        if fate != privacy.Fate.ANONYMISED:
            privacy.remove_text(comment)
        groups[fate].append(comment)
    comments = [comment for comment, _fate in plan]
    Comment.objects.bulk_update(
        comments, [*privacy.ANONYMISED_FIELDS, "body", "is_removed"]
    )
    invalidate_threads({comment.article_id for comment in comments})
    scrub_history(comments)
    for fate, fields in ERASED_FIELDS.items():
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=groups[fate],
            action_flag=CHANGE,
            change_message=[{"changed": {"fields": field_labels(fields)}}],
        )
    deleted = groups[privacy.Fate.DELETED]
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=deleted, action_flag=DELETION
    )
    Comment.objects.filter(pk__in=[comment.pk for comment in deleted]).delete()


def field_labels(names):
    return [str(capfirst(Comment._meta.get_field(name).verbose_name)) for name in names]


def scrub_history(comments):
    """Rename the comments in earlier history entries, which named the author."""
    names = {str(comment.pk): str(comment)[:200] for comment in comments}
    entries = list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Comment),
            object_id__in=names,
        )
    )
    for entry in entries:
        entry.object_repr = names[entry.object_id]
    LogEntry.objects.bulk_update(entries, ["object_repr"])


def retention_apply(*, now=None, batch_size=1000):
    """Trim connection data past the retention period; return how many changed.

    IP addresses are truncated in place rather than cleared, so that checks
    by address keep working on old comments at network precision.
    """
    days = settings.NEWSROOM_IP_RETENTION_DAYS
    cutoff = (now or timezone.now()) - timedelta(days=days)
    untrimmed = (
        Comment.objects.untrimmed(before=cutoff)
        .only("ip_address", "user_agent")
        .order_by("pk")
    )
    count, last = 0, 0
    while batch := list(untrimmed.filter(pk__gt=last)[:batch_size]):
        for comment in batch:
            privacy.trim(comment)
        Comment.objects.bulk_update(batch, ["ip_address", "user_agent"])
        count, last = count + len(batch), batch[-1].pk
    return count
