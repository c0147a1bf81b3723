"""The queue's tabs one by one, and decisions on 1,000 comments at once.

The tabs are timed over HTTP against the running server. The decisions (a
bulk action on 1,000 pending comments by one author, its undo, and a ban of
that author) run in this process through Django's test client, after the
server has stopped, each as the one request an editor sends.
"""

import statistics
import time
from dataclasses import dataclass

from articles.models import Article
from comments.models import Comment, Decision, Discussion, Report

from . import queue
from .probe import queries

TABS = {
    "Pending": "",
    "Reported": "?status=reported",
    "Approved": "?status=approved",
    "Spam": "?status=spam",
    "Trash": "?status=trash",
    "All": "?status=all",
    "Search, Pending (“Tashkent”)": "?q=Tashkent",
    "Search, all statuses": "?status=all&q=Tashkent",
}
BAN_EMAIL = "bench-ban@spam.example"
BATCH = 1000


@dataclass(frozen=True)
class Tab:
    name: str
    median_ms: float
    queries: int


@dataclass(frozen=True)
class Decided:
    name: str
    ms: float
    queries: int


def reports(count=300):
    """Some approved comments reported by readers, for the Reported tab."""
    approved = Comment.objects.approved().order_by("pk")[:count]
    Report.objects.bulk_create(
        Report(comment=comment, reason="abusive", reporter=f"bench-{comment.pk}")
        for comment in approved
    )


def tabs(base, editor):
    cookie = queue.session_cookie(editor)
    found = []
    for name, query in TABS.items():
        url = queue.QUEUE + query
        times = queue.response_times(base + url, cookie, count=15)
        found.append(Tab(name, statistics.median(times), queries(editor, url).count))
    return found


def pending_batch():
    article = Article.objects.order_by("pk").first()
    discussion = Discussion.objects.for_object(article)
    Comment.objects.bulk_create(
        Comment(
            discussion=discussion,
            author_name="Bench spammer",
            author_email=BAN_EMAIL,
            body=f"Cheap pills, offer {number}",
            ip_address="192.0.2.77",
        )
        for number in range(BATCH)
    )
    return list(
        Comment.objects.filter(author_email=BAN_EMAIL).values_list("pk", flat=True)
    )


def timed(editor, name, url, data):
    started = time.perf_counter()
    sql = queries(editor, url, data, status=302)
    ms = (time.perf_counter() - started) * 1000
    return Decided(name, ms, sql.count)


def decisions(editor):
    """Spam 1,000 pending comments in one bulk action, undo it, then ban."""
    ids = pending_batch()
    # "Select all" across the author's pending comments, as an editor would.
    spam = timed(
        editor,
        "bulk Mark as spam, 1,000 comments",
        f"{queue.QUEUE}?author_email__iexact={BAN_EMAIL}",
        {"action": "mark_spam", "_selected_action": ids[:1], "select_across": "1"},
    )
    batch = Decision.objects.filter(comment_id=ids[0]).latest("created_at").batch
    undo = timed(editor, "its Undo", queue.QUEUE + "undo/", {"batch": str(batch)})
    ban = timed(
        editor,
        "Spam and block the author (1,000 pending)",
        f"{queue.QUEUE}{ids[0]}/block/",
        {"kinds": ["email", "address"], "days": "", "reason": "bench"},
    )
    return [spam, undo, ban]


def section(found_tabs, decided):
    lines = [
        "Each tab over HTTP, 15 requests one after another (after 3 to warm up):",
        "",
        "| tab | median ms | SQL queries |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {tab.name} | {tab.median_ms:.0f} | {tab.queries} |" for tab in found_tabs
    ]
    lines += [
        "",
        "Decisions in one request each, in one process through Django's test "
        "client (the server stopped):",
        "",
        "| request | ms | SQL queries |",
        "|---|---:|---:|",
    ]
    lines += [f"| {row.name} | {row.ms:.0f} | {row.queries} |" for row in decided]
    return lines
