"""The thread's HTML rendered in-process with no cache: the cost a page pays
on its first view after every change (an approval, a new reply).

Timed in CPU time of this process (SQLite's work included, it runs in the
process), so that other programs on a shared machine move the figure less.
"""

import statistics
import time

from django.test import override_settings

from comments.models import Discussion
from comments.sections import render_thread

RUNS = 15
TARGET_MS_PER_100 = 10


def render_times(threads, runs=RUNS):
    """{size: median CPU ms to render the whole thread of that many comments}."""
    times = {}
    with override_settings(COMMENTS_PER_PAGE=10_000):  # the whole thread at once
        for size, article in threads.items():
            if not size:
                continue
            discussion = Discussion.objects.for_object(article)
            render_thread(
                discussion, 1, "oldest"
            )  # templates loaded, as in a warm worker
            samples = []
            for _ in range(runs):
                started = time.process_time()
                render_thread(discussion, 1, "oldest")
                samples.append((time.process_time() - started) * 1000)
            times[size] = statistics.median(samples)
    return times


def section(times):
    lines = [
        "`comments.sections.render_thread` in-process, cache off, the whole "
        f"thread on one page, median of {RUNS} runs (its SQL included).",
        "",
        "| comments | ms per thread | ms per 100 comments |",
        "|---:|---:|---:|",
    ]
    lines += [
        f"| {size:,} | {ms:.1f} | {ms / size * 100:.1f} |" for size, ms in times.items()
    ]
    return lines


def target(times):
    worst = max(ms / size * 100 for size, ms in times.items())
    return (
        f"a thread rendered uncached in ≤ {TARGET_MS_PER_100} ms per 100 comments",
        f"{worst:.1f} ms (the worst size)",
        worst <= TARGET_MS_PER_100,
    )
