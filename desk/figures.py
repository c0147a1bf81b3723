"""The moderation desk's numbers: each one aggregate query, however many
comments there are."""

from datetime import datetime, time, timedelta

from django.db.models import Count, Min, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from comments.ledger import Source
from comments.models import BudgetRefusal, Comment, Decision

from .charts import stacked_bars

Status = Comment.Status
# Stacked bottom up; dark enough to read as text on white (WCAG AA).
OUTCOME_COLOURS = [
    (Status.APPROVED, "#2e7d32"),
    (Status.PENDING, "#a15c00"),
    (Status.SPAM, "#b3261e"),
    (Status.TRASH, "#5f6368"),
]
CHART_DAYS = 30
DECISION_DAYS = 7
BUSIEST = 10


def overview(now=None):
    now = now or timezone.now()
    days = daily_outcomes(now)
    outcomes = [
        (status, Status(status).label, colour) for status, colour in OUTCOME_COLOURS
    ]
    return {
        "queue": queue_state(),
        "days": days,
        "outcomes": outcomes,
        "chart": stacked_bars(days, outcomes),
        "busiest": busiest_discussions(),
        "editors": editor_decisions(now),
        "budget_refusals": budget_refusals(now),
        "chart_days": CHART_DAYS,
        "decision_days": DECISION_DAYS,
    }


def queue_state():
    """How many comments wait, and since when the oldest has waited."""
    return Comment.objects.pending().aggregate(
        count=Count("pk"), oldest=Min("submitted_at")
    )


def daily_outcomes(now, days=CHART_DAYS):
    """[(date, {status: count})] of the comments posted each day, oldest first."""
    today = timezone.localdate(now)
    dates = [today - timedelta(days=back) for back in reversed(range(days))]
    since = timezone.make_aware(datetime.combine(dates[0], time.min))
    rows = (
        Comment.objects.filter(submitted_at__gte=since)
        .annotate(day=TruncDate("submitted_at"))
        .values_list("day", "status")
        .annotate(Count("pk"))
        .order_by()
    )
    counts = {(day, status): count for day, status, count in rows}
    return [
        (date, {status: counts.get((date, status), 0) for status in Status.values})
        for date in dates
    ]


def budget_refusals(now, days=DECISION_DAYS):
    """How many requests the attempt budgets refused over the last days."""
    since = timezone.localdate(now) - timedelta(days=days - 1)
    total = BudgetRefusal.objects.filter(day__gte=since).aggregate(Sum("refused"))
    return total["refused__sum"] or 0


def busiest_discussions(limit=BUSIEST):
    """The discussions with the most pending comments."""
    return (
        Comment.objects.pending()
        .values("discussion_id", "discussion__title", "discussion__url")
        .annotate(pending=Count("pk"))
        .order_by("-pending", "discussion__title")[:limit]
    )


def editor_decisions(now, days=DECISION_DAYS):
    """What each editor decided (and how often they replied), from the ledger."""
    rows = (
        Decision.objects.filter(
            user__isnull=False, created_at__gte=now - timedelta(days=days)
        )
        .values_list(
            "user_id",
            "user__username",
            "user__first_name",
            "user__last_name",
            "source",
            "from_status",
            "to_status",
        )
        .annotate(Count("pk"))
        .order_by()
    )
    editors = {}
    for user_id, username, first, last, source, before, after, count in rows:
        editor = editors.setdefault(
            user_id,
            {
                "name": f"{first} {last}".strip() or username,
                "replies": 0,
                "total": 0,
                **dict.fromkeys(Status.values, 0),
            },
        )
        # A newsroom reply is posted (no status before), not decided.
        editor["replies" if source == Source.REPLY and not before else after] += count
        editor["total"] += count
    return sorted(editors.values(), key=lambda row: (-row["total"], row["name"]))
