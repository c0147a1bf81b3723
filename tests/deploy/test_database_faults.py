"""The real server with a database that is busy or gone: 503, the text kept.

gunicorn with the project's own settings against a real failure: another
connection holds SQLite's write lock past the server's busy timeout (one
second, from the URL), or the PostgreSQL URL points at a port nobody
listens on.
"""

import json
import socket
import sqlite3
import tempfile
from contextlib import closing

from bench.ports import free_port
from tests.test_cache import SilentServer

from .conftest import new_article
from .live import LiveSite

TEXT = "Sanctions & <blockchain>: a reader's long-considered reply."
KEPT = "Sanctions &amp; &lt;blockchain&gt;: a reader&#x27;s long-considered reply."


def test_a_post_while_sqlite_is_locked_gets_503_with_the_text_kept():
    with tempfile.TemporaryDirectory(prefix="newsroom-locked-") as folder:
        database = f"{folder}/locked.sqlite3"
        site = LiveSite(folder, f"sqlite:///{database}?timeout=1")
        site.prepare()
        new_article(site, "locked")
        with (
            site.serve(workers=1) as server,
            closing(sqlite3.connect(database)) as lock,
        ):
            lock.isolation_level = None

            def answer_then_lock(key):
                """The sum solved, then the write lock taken and held while
                the reader posts."""
                answer = site.captcha_answer(key)
                lock.execute("BEGIN IMMEDIATE")
                return answer

            reader = server.browser()
            refused = reader.post_comment("locked", answer_then_lock, body=TEXT)
            lock.execute("ROLLBACK")
            accepted = reader.post_comment("locked", site.captcha_answer, body=TEXT)
            log = server.log()
        assert (refused.status, refused.headers["Retry-After"]) == (503, "30")
        assert KEPT in refused.text
        assert 'name="new_challenge"' in refused.text
        assert "Database unavailable (POST /articles/locked/comments/)" in log
        assert "database is locked" in log
        assert "Traceback" not in log
        assert accepted.status == 302
        assert site.comments(TEXT) == 1


def test_postgresql_gone_answers_503_never_500():
    with (
        tempfile.TemporaryDirectory(prefix="newsroom-gone-") as folder,
        socket.socket() as gone,
    ):
        gone.bind(("127.0.0.1", free_port()))  # bound, not listening: refused
        port = gone.getsockname()[1]
        site = LiveSite(folder, f"postgres://postgres@127.0.0.1:{port}/gone")
        site.manage("collectstatic", "--no-input", "--verbosity", "0")
        with site.serve(workers=1) as server:
            health = server.get("/healthz")
            article = server.get("/articles/any/")
            posted = server.browser().request(
                "/articles/any/comments/", {"author_name": "Aigerim", "body": TEXT}
            )
            log = server.log()
    assert health.status == 503
    assert json.loads(health.text) == {"database": "unavailable", "cache": "ok"}
    assert (article.status, article.headers["Retry-After"]) == (503, "30")
    assert "Please try again in a minute" in article.text
    assert posted.status == 503
    assert KEPT in posted.text
    assert "Health check: the database is unavailable" in log
    assert log.count("Database unavailable (") == 2
    assert "Traceback" not in log


def test_postgresql_that_never_answers_fails_health_within_its_connect_timeout():
    silent = SilentServer()
    try:
        with tempfile.TemporaryDirectory(prefix="newsroom-hung-") as folder:
            url = f"postgres://postgres@127.0.0.1:{silent.port}/hung?connect_timeout=1"
            site = LiveSite(folder, url)
            site.manage("collectstatic", "--no-input", "--verbosity", "0")
            with site.serve(workers=1) as server:
                health = server.get("/healthz", timeout=20)
                log = server.log()
    finally:
        silent.close()
    assert health.status == 503
    assert "Health check: the database is unavailable" in log
    assert "timeout expired" in log
