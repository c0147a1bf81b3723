"""The personal-data workflows: export, erasure and retention of commenters' data."""

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import capfirst

from . import privacy
from .caching import pages_changed
from .models import (
    Comment,
    Decision,
    Keyword,
    ModerationReason,
    NotificationAddress,
    Report,
)
from .subscriptions import address_key
from .tasks import queued_emails

# Sent with `comment_ids` as an erasure is applied, inside its transaction,
# for the apps that keep their own copy of where a comment came from (the
# WordPress import remembers erased ids so a re-import does not undo this).
comments_erased = Signal()

# What the history records as changed for comments that stay after erasure.
ERASED_FIELDS = {
    privacy.Fate.ANONYMISED: privacy.ANONYMISED_FIELDS,
    privacy.Fate.PLACEHOLDER: [*privacy.ANONYMISED_FIELDS, "body"],
}


def personal_data_export(email):
    """Every comment made with an email address, as rows for a file."""
    comments = (
        Comment.objects.by_email(email)
        .select_related("discussion")
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
        .select_related("discussion")
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
        addresses = {comment.ip_address for comment in comments if comment.ip_address}
        apply_erasure(plan, user)
        erase_traces(email.strip(), addresses)
        NotificationAddress.objects.filter(email=address_key(email)).delete()
    return plan


def erase_traces(email, addresses):
    """Every other copy of the person's email or addresses: gone too.

    A reason's detail quotes what matched (an email, an address); a
    moderation word may be the email or address itself; a ledger note may
    quote either; a queued email (sent or not) to the address, or whose text
    holds it, carries the person's name and words.
    """
    values = [value for value in [email, *addresses] if value]
    if not values:
        return
    quoted, named, noted = Q(), Q(), Q()
    for value in values:
        quoted |= Q(detail__icontains=value)
        named |= Q(term__iexact=value)
        noted |= Q(note__icontains=value)
    ModerationReason.objects.filter(quoted).update(detail="")
    Keyword.objects.filter(named).delete()
    Decision.objects.filter(noted).update(note="")
    if email:
        queued_emails().filter(
            Q(args_kwargs__kwargs__message__to__icontains=email)
            | Q(args_kwargs__kwargs__message__body__icontains=email)
        ).delete()


def apply_erasure(plan, user):
    comments_erased.send(
        sender=Comment, comment_ids=[comment.pk for comment, _fate in plan]
    )
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
    pages_changed(
        {
            comment.discussion_id
            for comment in comments
            if comment.status == Comment.Status.APPROVED
        }
    )
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
    by address keep working on old comments at network precision. Neither is
    ever shown, so cached pages stay as they are.
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


def retention_apply_reports(*, now=None):
    """Forget the IP address of reports past the retention period (it only
    limits how many reports one address sends an hour); return how many."""
    cutoff = (now or timezone.now()) - timedelta(
        days=settings.NEWSROOM_IP_RETENTION_DAYS
    )
    old = Report.objects.filter(created_at__lt=cutoff, ip_address__isnull=False)
    return old.update(ip_address=None)
