"""The reader-report workflow: store a report, hold a comment many readers
report, and let editors dismiss reports."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import ngettext

from .ledger import Actor, Reason, Source
from .models import Comment, Report
from .moderation import Status
from .services import comment_moderate


class TooManyReports(Exception):
    """This address sent its hour's worth of reports."""


def reporter_digest(reader_id):
    """What a report keeps of the reader's random id: a digest, not the id."""
    return hashlib.sha256(f"report:{reader_id}".encode()).hexdigest()


@transaction.atomic
def comment_report(
    *,
    comment: Comment,
    reason: Reason,
    note: str,
    reporter: str,
    ip_address: str | None,
) -> bool:
    """Record a reader's report (once per reader); return whether it is new.

    The comment goes back to pending once COMMENTS_REPORTS_TO_HOLD readers
    have reported it, with that reason in the ledger.
    """
    since = timezone.now() - timedelta(hours=1)
    if (
        ip_address
        and Report.objects.filter(ip_address=ip_address, created_at__gte=since).count()
        >= settings.COMMENTS_REPORTS_PER_HOUR
    ):
        raise TooManyReports
    _report, created = Report.objects.get_or_create(
        comment=comment,
        reporter=reporter,
        defaults={"reason": reason, "note": note[:300], "ip_address": ip_address},
    )
    if created:
        hold_if_reported(comment)
    return created


def hold_if_reported(comment):
    reasons = list(comment.reports.open().values_list("reason", flat=True))
    if len(reasons) < settings.COMMENTS_REPORTS_TO_HOLD:
        return
    labels = sorted({str(Reason(reason).label) for reason in reasons})
    note = ngettext(
        "reported by %(count)d reader: %(reasons)s",
        "reported by %(count)d readers: %(reasons)s",
        len(reasons),
    ) % {"count": len(reasons), "reasons": ", ".join(labels)}
    comment_moderate(
        comments=Comment.objects.approved().filter(pk=comment.pk),
        status=Status.PENDING,
        user=None,
        actor=Actor.REPORT,
        source=Source.REPORT_FORM,
        note=note,
    )


def reports_dismiss(*, comments: QuerySet[Comment]) -> int:
    """Close the open reports of these comments; return how many comments."""
    reports = Report.objects.open().filter(comment__in=comments)
    count = reports.values("comment").distinct().count()
    reports.update(dismissed_at=timezone.now())
    return count
