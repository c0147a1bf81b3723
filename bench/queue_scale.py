"""The moderation queue's tabs on a large table: `make bench-queue`.

    make bench-queue BENCH_ARGS="--database-url postgres://.../bench_queue"

Creates a fresh PostgreSQL database (dropped at the end), seeds a base of
comments the way `make bench` does, then copies them in SQL (one INSERT ...
SELECT over generate_series) up to --comments (1,000,000), builds the search
indexes once after the copy rather than row by row, runs VACUUM ANALYZE as
autovacuum would, and times every queue tab in-process (Django's test
client, no HTTP server): median of --runs GETs and the query count of each.
"""

import argparse
import math
import os
import signal
import statistics
import sys
import tempfile
import time

import django

BASE_COMMENTS = 50_000
TARGET_MS = 200


def arguments(argv):
    parser = argparse.ArgumentParser(prog="make bench-queue", description=__doc__)
    add = parser.add_argument
    add("--database-url", required=True, help="postgres://.../bench...: dropped after")
    add("--comments", type=int, default=1_000_000, help="comments in all (1,000,000)")
    add("--runs", type=int, default=15, help="GETs of each tab (15)")
    return parser.parse_args(argv)


def say(message):
    print(f"bench-queue: {message}", file=sys.stderr, flush=True)


def copy_comments(total):
    """Copies of the seeded comments (new times, no parents) up to `total`."""
    from django.db import connection

    from comments.models import Comment

    base = Comment.objects.count()
    copies = math.ceil(total / base) - 1
    columns = [
        field.column
        for field in Comment._meta.concrete_fields
        if not field.primary_key and field.column != "parent_id"
    ]
    shifted = [
        "submitted_at - g * interval '3 days'" if column == "submitted_at" else column
        for column in columns
    ]
    table = Comment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"SELECT {', '.join(shifted)} FROM {table} "
            "CROSS JOIN generate_series(1, %s) AS g "
            "LIMIT %s",
            [copies, total - base],
        )


def search_indexes(apps_module, create):
    from django.db import connection

    with connection.cursor() as cursor:
        # A GIN index over a million texts builds in minutes, not tens of
        # minutes, with room to sort in memory.
        cursor.execute("SET maintenance_work_mem = '512MB'")
    with connection.schema_editor() as editor:
        (apps_module.create_indexes if create else apps_module.drop_indexes)(
            None, editor
        )


def timed_tabs(runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .decisions import TABS
    from .queue import QUEUE, editor_client

    editor = editor_client()
    rows = []
    for name, query in TABS.items():
        url = QUEUE + query
        editor.get(url)  # templates loaded, as in a warm worker
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = editor.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            editor.get(url)
        sql_ms = sum(float(query["time"]) for query in captured) * 1000
        rows.append((name, statistics.median(times), len(captured), sql_ms))
    return rows


def main(argv=None):
    options = arguments(argv)
    from .postgres import fresh_database
    from .run import arguments as bench_arguments
    from .run import environment, stop_on_signal

    signal.signal(signal.SIGTERM, stop_on_signal)  # the database is dropped

    bench = bench_arguments(["--database-url", options.database_url])
    with tempfile.TemporaryDirectory() as workdir, fresh_database(options.database_url):
        os.environ.update(environment(workdir, bench))
        os.environ["REDIS_URL"] = ""
        django.setup()
        from importlib import import_module

        from django.core.management import call_command
        from django.db import connection

        from comments.models import Comment

        from . import decisions, report
        from .seed import seed

        search = import_module("comments.migrations.0021_search_trigram_indexes")
        load = report.load_average()
        started = time.monotonic()
        call_command("migrate", "--no-input", verbosity=0)
        search_indexes(search, create=False)
        say(f"seeding {BASE_COMMENTS:,} comments")
        seed((0, 100), min(BASE_COMMENTS, options.comments))
        say(f"copying them up to {options.comments:,}")
        copy_comments(options.comments)
        say("search indexes, VACUUM ANALYZE")
        search_indexes(search, create=True)
        decisions.reports()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        prepared = time.monotonic() - started
        say(f"{Comment.objects.count():,} comments in {prepared:.0f} s; timing tabs")
        rows = timed_tabs(options.runs)
    print(f"Queue tabs at {options.comments:,} comments on PostgreSQL, in-process,")
    print(f"median of {options.runs} GETs; load average before: {load}")
    print("\n| tab | median ms | queries | their SQL, ms |\n|---|---:|---:|---:|")
    for name, ms, count, sql_ms in rows:
        print(f"| {name} | {ms:.0f} | {count} | {sql_ms:.0f} |")
    worst = max(row[1] for row in rows)
    met = "met" if worst <= TARGET_MS else "NOT met"
    print(f"\nevery tab ≤ {TARGET_MS} ms: {worst:.0f} ms the slowest ({met})")


if __name__ == "__main__":
    main()
