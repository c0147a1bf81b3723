"""The comment workflows that change data: submitting and moderating."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction

from .models import Comment


def comment_submit(*, article, data, ip_address, user_agent):
    """Store a reader's comment in the moderation queue and return it."""
    return Comment.objects.create(
        article=article,
        status=Comment.Status.PENDING,
        ip_address=ip_address,
        user_agent=user_agent[:500],
        **data,
    )


@transaction.atomic
def comment_moderate(*, comments, status, user):
    """Move comments to a status, record who did it, return how many changed."""
    changed = list(comments.exclude(status=status).select_for_update())
    if not changed:
        return 0
    Comment.objects.filter(pk__in=[c.pk for c in changed]).update(status=status)
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=changed,
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": ["Status"]}}],
    )
    return len(changed)
