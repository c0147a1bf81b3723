"""The real server with a database that is busy or gone: 503, the text kept.

Each test starts gunicorn (one worker, the test settings, 127.0.0.1 on a free
port) and breaks the real dependency: another connection holds SQLite's write
lock past the server's one-second busy timeout, or the PostgreSQL URL points
at a port nothing listens on.
"""

import http.cookiejar
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import suppress
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from tests.test_readme import free_port

GUNICORN = [sys.executable, "-m", "gunicorn", "newsroom.wsgi"]
TEXT = "Sanctions & <blockchain>: a reader's long-considered reply."


class Server:
    def __init__(self, folder, database_url):
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / "server.log"
        self.env = {
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": database_url,
            "COMMENTS_FLOOD_SECONDS": "0",
            "COMMENTS_MIN_FORM_SECONDS": "0",
        }
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect
        )

    def manage(self, *args):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self.env,
            capture_output=True,
            check=True,
            timeout=120,
        )

    def __enter__(self):
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [*GUNICORN, "--bind", f"127.0.0.1:{self.port}", "--workers", "1"],
                cwd=settings.BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while self.request("/livez")[0] != 200:
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, self.log.read_text()
            time.sleep(0.2)
        return self

    def __exit__(self, *exc):
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def request(self, path, data=None, headers=None):
        """(status, headers, body) of one request; (None, ...) if refused."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.url + path, body, headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()
        except OSError:
            return None, {}, ""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class SQLiteLockedTests(SimpleTestCase):
    def test_a_post_while_another_connection_holds_the_lock_gets_503_text_kept(self):
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            database = folder / "db.sqlite3"
            server = Server(folder, f"sqlite:///{database}?timeout=1")
            server.manage("migrate", "--no-input")
            server.manage("load_seeds")
            with server, sqlite3.connect(database, isolation_level=None) as direct:
                slug = direct.execute("SELECT slug FROM articles_article").fetchone()[0]
                form = self.honest_form(server, direct)
                direct.execute("BEGIN IMMEDIATE")  # the write lock, held
                status, headers, page = server.request(
                    f"/articles/{slug}/comments/", form
                )
                direct.execute("ROLLBACK")
                again = server.request(f"/articles/{slug}/comments/", form)
                stored = direct.execute("SELECT body FROM comments_comment").fetchall()
            log = server.log.read_text()
        assert (status, headers["Retry-After"]) == (503, "30")
        assert "Sanctions &amp; &lt;blockchain&gt;: a reader&#x27;s long" in page
        assert 'name="new_challenge"' in page
        assert "Database unavailable (POST" in log
        assert "database is locked" in log
        assert "Traceback" not in log
        assert again[0] == 302
        assert stored == [(TEXT,)]

    def honest_form(self, server, direct):
        """The form as the page's script completes it, the sum solved from
        the store."""
        _, _, body = server.request(
            "/comments/challenge/", headers={"X-Requested-With": "XMLHttpRequest"}
        )
        challenge = json.loads(body)
        answer = direct.execute(
            "SELECT response FROM captcha_captchastore WHERE hashkey = ?",
            [challenge["key"]],
        ).fetchone()[0]
        return {
            "csrfmiddlewaretoken": challenge["csrf_token"],
            "timestamp": challenge["timestamp"],
            "captcha_0": challenge["key"],
            "captcha_1": answer,
            "author_name": "Aigerim",
            "author_email": "aigerim@example.com",
            "author_url": "",
            "body": TEXT,
        }


class PostgreSQLGoneTests(SimpleTestCase):
    def test_every_request_that_needs_the_database_gets_503_never_500(self):
        with tempfile.TemporaryDirectory() as folder:
            url = f"postgres://postgres@127.0.0.1:{free_port()}/newsroom"
            with Server(Path(folder), url) as server:
                health = server.request("/healthz")
                article = server.request("/articles/any-article/")
                posted = server.request(
                    "/articles/any-article/comments/",
                    {"author_name": "Aigerim", "body": TEXT},
                )
            log = Path(folder, "server.log").read_text()
        assert health[0] == 503
        assert json.loads(health[2]) == {"database": "unavailable", "cache": "ok"}
        assert (article[0], article[1]["Retry-After"]) == (503, "30")
        assert "Please try again in a minute" in article[2]
        assert posted[0] == 503
        assert "a reader&#x27;s long-considered reply" in posted[2]
        assert "Health check: the database is unavailable" in log
        assert log.count("Database unavailable (") == 2
        assert "Traceback" not in log
