"""The results beyond the table: the POST run, the queue, the targets."""

import statistics

QUEUE_MS = 150
QUEUE_QUERIES = 10
PAGE_RATIO = 0.5
# (row name starts with, ratio to what, at least)
SHAPE_TARGETS = [
    ("article page, 500 comments, through nginx", "nginx, a static file", 0.5),
    ("article page, 500 comments, no Redis", "bare view", 0.4),
    ("article page, 500 comments", "bare view", 0.6),
    ("article page, 500 comments, Redis killed", "bare view", 0.2),
]
CHALLENGE_RATIO = 0.3
POST_QUERIES = 10
POSTS_PER_SECOND = 140


def posting_section(posting):
    outcome, load = posting.outcome, posting.row.load
    statuses = ", ".join(
        f"{status}: {n:,}" for status, n in sorted(outcome.statuses.items())
    )
    return [
        f"- submissions prepared, each with its own CAPTCHA: {posting.prepared:,}; "
        f"sent again after they ran out: {load.reused:,} "
        "(refused, as a spent CAPTCHA must be)",
        f"- requests answered: {outcome.answered:,} ({statuses}); 302 = accepted",
        f"- 5xx: {outcome.server_errors}; socket errors and timeouts: "
        f"{load.failed - load.errors['status']}",
        f"- comments stored: {len(outcome.stored):,}; "
        f"accepted: {len(outcome.accepted):,}; "
        f"accepted but not stored: {len(outcome.missing)}",
        "- stored, but wrk stopped before reading the answer: "
        f"{len(outcome.unanswered)}",
    ]


def queue_section(queue, total):
    times = queue.times
    lines = [
        f"- {total:,} comments; the queue opens on Pending",
        f"- one request after another: median {statistics.median(times):.0f} ms, "
        f"p90 {quantile(times, 0.9):.0f} ms over {len(times)} requests; "
        f"the All tab: median {statistics.median(queue.all_times):.0f} ms",
        f"- {queue.sql.count} SQL queries:",
        "",
        "| ms | query |",
        "|---:|---|",
    ]
    lines += [f"| {ms:.0f} | `{shorten(sql)}` |" for ms, sql in queue.sql.statements]
    return lines


def profile_section(breakdowns):
    lines = [
        "In one process through Django's test client (no gunicorn, no wrk), "
        "after the server stopped; cProfile slows Python code down, so compare "
        "the shares.",
    ]
    for found in breakdowns:
        lines += [
            "",
            f"`{found.url}`: median {found.plain_ms:.1f} ms per request "
            "without the profiler.",
            "",
            "| stage | ms under cProfile | share |",
            "|---|---:|---:|",
        ]
        lines += [
            f"| {label} | {ms:.1f} | {share:.0%} |" for label, ms, share in found.stages
        ]
    return lines


def targets(rows, bare, page_500, posting, queue):
    """(target, measured, met) for each target of the issue."""
    ratio = page_500.load.rps / bare.load.rps
    counts = {row.queries for row in rows}
    writes_ok = all(row.read_only for row in rows)
    post_errors = posting.row.failures + len(posting.outcome.missing)
    queue_ms = statistics.median(queue.times)
    return [
        (
            "500-comment page at 0.5x the bare view or more",
            f"{ratio:.2f}x",
            ratio >= PAGE_RATIO,
        ),
        (
            "fixed SQL count per article page",
            "; ".join(sorted(counts)),
            len(counts) == 1,
        ),
        ("0 writes per page view", "0" if writes_ok else "some", writes_ok),
        ("0 errors under the POST load", str(post_errors), post_errors == 0),
        ("changelist median < 150 ms", f"{queue_ms:.0f} ms", queue_ms < QUEUE_MS),
        (
            "changelist ≤ 10 queries",
            str(queue.sql.count),
            queue.sql.count <= QUEUE_QUERIES,
        ),
    ]


def shape_targets(rows, killed_posts):
    """The page's ratios in each shape, and the POST with Redis killed."""
    found = []
    for name, against, least in SHAPE_TARGETS:
        row = next(row for row in rows if row.name.startswith(name))
        base = next(row for row in rows if row.name.startswith(against))
        ratio = row.load.rps / base.load.rps
        found.append((f"{row.name} at {least}x {against} or more", f"{ratio:.2f}x",
                      ratio >= least))  # fmt: skip
    found.append(posts_target(killed_posts, "POST with Redis killed"))
    return found


def burst_target(burst):
    return posts_target(burst, burst.row.name)


def posts_target(posting, name):
    """0 x 5xx, every answer a 302 or a 4xx, every accepted post stored."""
    outcome = posting.outcome
    statuses = set(outcome.statuses)
    fine = (
        posting.row.failures == 0
        and statuses <= {302} | set(range(400, 500))
        and not outcome.missing
    )
    measured = (
        f"{outcome.server_errors} x 5xx; answers {sorted(statuses)}; "
        f"stored {len(outcome.stored):,}, accepted {len(outcome.accepted):,}"
    )
    return (f"{name}: 0 x 5xx, 302 or 4xx, none lost", measured, fine)


def defence_targets(bare, challenge, posting):
    """The comment POST through the whole defence stack, and the challenge."""
    ratio = challenge.load.rps / bare.load.rps
    accepted = len(posting.outcome.accepted) / posting.row.load.seconds
    queries = int(posting.row.queries)
    return [
        (
            "challenge fetch at 0.3x the bare view or more",
            f"{ratio:.2f}x",
            ratio >= CHALLENGE_RATIO,
        ),
        (
            "comment POST ≤ 10 queries per accepted comment",
            str(queries),
            queries <= POST_QUERIES,
        ),
        (
            "comment POST ≥ 140 accepted per second (16 posters)",
            f"{accepted:.0f}/s",
            accepted >= POSTS_PER_SECOND,
        ),
    ]


TAB_MS = 100
DECISION_MS = 500


def decision_targets(tabs, decided):
    """The issue-12 targets: every tab, and decisions on 1,000 comments."""
    slowest = max(tabs, key=lambda tab: tab.median_ms)
    most = max(tab.queries for tab in tabs)
    longest = max(row.ms for row in decided)
    return [
        (
            f"every queue tab median ≤ {TAB_MS} ms",
            f"slowest {slowest.name}: {slowest.median_ms:.0f} ms",
            slowest.median_ms <= TAB_MS,
        ),
        (
            f"every queue tab ≤ {QUEUE_QUERIES} queries",
            str(most),
            most <= QUEUE_QUERIES,
        ),
        (
            f"decision, undo and ban of 1,000 comments ≤ {DECISION_MS} ms each",
            f"longest {longest:.0f} ms",
            longest <= DECISION_MS,
        ),
    ]


def quantile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def shorten(sql, limit=110):
    sql = " ".join(sql.split()).replace("|", "\\|")
    return sql if len(sql) <= limit else sql[: limit - 1] + "…"
