"""`make bench`: the production server under load, one table of figures.

Creates a throw-away SQLite database in a temporary folder (or, with
--database-url, a fresh PostgreSQL database named bench...), fills it (articles
with 0, 100, 500 and 2,000 approved comments, 100,000 comments in all), starts
`make serve` on a free port of 127.0.0.1 with production settings, measures
each request with wrk, stops the server, and writes bench/results.md.
"""

import argparse
import os
import secrets
import signal
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path

import django

from .load import ensure_wrk

BUDGETS = ("CHALLENGE", "AUDIO", "WRONG_ANSWER", "POST", "PLAIN_POST")


def arguments(argv):
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    add = parser.add_argument
    add("--workers", type=int, default=4, help="gunicorn workers (4)")
    add("--seconds", type=int, default=10, help="length of each wrk run (10)")
    add("--warmup", type=int, default=2, help="seconds of load before each run (2)")
    add("--connections", type=int, default=16, help="readers and posters (16)")
    add("--editors", type=int, default=4, help="connections on the queue (4)")
    add("--comments", type=int, default=100_000, help="comments in all (100,000)")
    add("--posts", type=int, default=6000, help="submissions prepared (6,000)")
    add("--burst", type=int, default=2000, help="posts sent once each (2,000)")
    add("--burst-clients", type=int, default=24, help="clients sending them (24)")
    add(
        "--render-only",
        action="store_true",
        help="only time rendering threads in-process (no server, no wrk; 1 minute)",
    )
    add(
        "--redis-url",
        default="redis://127.0.0.1:6379/14",
        help="a Redis database for the bench alone: it is emptied (%(default)s)",
    )
    add(
        "--database-url",
        help="postgres://.../bench...: a PostgreSQL database to create, use and "
        "drop (default: SQLite in a temporary folder)",
    )
    options = parser.parse_args(argv)
    options.sizes = (0, 100, 500, 2000)
    return options


def environment(workdir, options):
    """Production settings, plain HTTP on 127.0.0.1, the bench's own data."""
    return {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "HTTPS": "0",
        "CAPTCHA_TEST_MODE": "0",
        "DATABASE_URL": options.database_url or f"sqlite:///{workdir}/bench.sqlite3",
        "REDIS_URL": options.redis_url,
        # Every poster comes from 127.0.0.1: the flood rule would refuse all
        # but one comment every 15 s. It plays no part in the other requests.
        "COMMENTS_FLOOD_SECONDS": "0",
        # Nor may the attempt budgets stop them (they have their own tests and
        # make bench-captcha); they are still counted, one upsert a post.
        **{f"COMMENTS_{name}_LIMIT": "1000000000" for name in BUDGETS},
        # The posters solve the proof of work before the run, so a small
        # puzzle keeps that short; checking a solution costs the server the
        # same at any difficulty (one hash and one HMAC).
        "COMMENTS_POW_MAX_NUMBER": "100",
        "NEWSROOM_EDITOR_PASSWORD": secrets.token_urlsafe(24),
    }


def database(url):
    if not url:
        return nullcontext()
    from .postgres import fresh_database

    return fresh_database(url)


def stop_on_signal(signum, frame):
    sys.exit(128 + signum)  # unwinds through `finally`: the server is stopped


def main(argv=None):
    options = arguments(argv)
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGHUP, stop_on_signal)
    if not options.render_only:
        ensure_wrk()
    with (
        tempfile.TemporaryDirectory(prefix="newsroom-bench-") as workdir,
        database(options.database_url),
    ):
        os.environ.update(environment(workdir, options))
        django.setup()
        from .session import Session

        Session(Path(workdir), options).run()


if __name__ == "__main__":
    main()
