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


def arguments(argv):
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--seconds", type=int, default=10, help="each wrk run")
    parser.add_argument("--warmup", type=int, default=2, help="before each run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--editors", type=int, default=4, help="on the queue")
    parser.add_argument("--comments", type=int, default=100_000, help="in all")
    parser.add_argument("--posts", type=int, default=6000, help="prepared")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument(
        "--database-url",
        help="postgres://.../bench... to run on PostgreSQL (default: SQLite)",
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
