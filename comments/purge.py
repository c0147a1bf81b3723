"""Deleting spam and trash for good: Empty Spam, Empty Trash and the
automatic purge of what has lain there longer than COMMENTS_PURGE_AFTER_DAYS.

A purged comment that still has replies stays as a placeholder ("This comment
was deleted."), so that its replies keep their place in the thread. Every
purged comment is a row of the ledger.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from . import privacy
from .ledger import Actor, Source
from .models import Comment, Decision
from .moderation import Status
from .services import comment_moderate

REJECTED = [Status.SPAM, Status.TRASH]


@transaction.atomic
def comments_purge(
    *,
    comments: QuerySet[Comment],
    user: AbstractBaseUser | None,
    actor: Actor = Actor.EDITOR,
    source: Source = Source.EMPTY,
) -> int:
    """Delete spam and trashed comments for good; return how many went."""
    parents = dict(
        comments.filter(status__in=REJECTED)
        .order_by()
        .values_list("pk", "parent_id")
        .select_for_update()
    )
    if not parents:
        return 0
    kept = with_replies(parents)
    Decision.objects.record(
        list(parents),
        batch=uuid.uuid4(),
        created_at=timezone.now(),
        actor=actor,
        user_id=user.pk if user else None,
        source=source,
        to_status="",
    )
    keep_as_placeholders(kept, user=user, actor=actor, source=source)
    Comment.objects.filter(pk__in=set(parents) - kept).delete()
    return len(parents)


def with_replies(parents):
    """The comments to purge that something not purged still answers."""
    answered = set(
        Comment.objects.filter(parent__in=list(parents))
        .exclude(pk__in=list(parents))
        .values_list("parent_id", flat=True)
    )
    kept, todo = set(), answered
    while todo:
        kept |= todo
        todo = {parents[pk] for pk in todo if parents.get(pk) in parents} - kept
    return kept


def keep_as_placeholders(ids, **decision):
    """Strip the text and the author, and show the comment as deleted."""
    if not ids:
        return
    placeholders = list(Comment.objects.filter(pk__in=ids))
    for comment in placeholders:
        privacy.anonymise(comment)
        privacy.remove_text(comment)
    Comment.objects.bulk_update(
        placeholders, [*privacy.ANONYMISED_FIELDS, "body", "is_removed"]
    )
    comment_moderate(
        comments=Comment.objects.filter(pk__in=ids),
        status=Status.APPROVED,
        note=gettext("kept as a placeholder for its replies"),
        **decision,
    )


def purge_expired(*, now=None) -> int:
    """Purge spam and trash older than COMMENTS_PURGE_AFTER_DAYS (0: never).

    Counted from when each comment went there, as the ledger says, else from
    when it was posted. A plain function: the command (cron) and a task
    queue can both call it, and a second run finds nothing left to do.
    """
    days = settings.COMMENTS_PURGE_AFTER_DAYS
    if not days:
        return 0
    cutoff = (now or timezone.now()) - timedelta(days=days)
    went_there = Decision.objects.filter(
        comment=OuterRef("pk"), to_status=OuterRef("status")
    ).order_by("-created_at", "-pk")
    expired = (
        Comment.objects.filter(status__in=REJECTED)
        .annotate(
            since=Coalesce(
                Subquery(went_there.values("created_at")[:1]), "submitted_at"
            )
        )
        .filter(since__lt=cutoff)
    )
    return comments_purge(
        comments=expired, user=None, actor=Actor.PURGE, source=Source.COMMAND
    )
