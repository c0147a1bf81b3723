"""The site as it runs: gunicorn with the project's own settings, on 127.0.0.1.

A LiveSite is a database of its own (SQLite in a temporary folder, or a fresh
PostgreSQL database when the suite runs on PostgreSQL), the commands that run
against it in other processes, and servers started on it. Ports come from
NEWSROOM_PORTS ("8100-8199") when set, else from the system.
"""

import http.cookiejar
import json
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

from bench.ports import free_port
from comments.proof_of_work import solve

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-live-test-password"
# What the site's own settings read; the test run's are not the server's.
DROPPED = {"DJANGO_SETTINGS_MODULE", "DEBUG", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


@contextmanager
def database_url(folder):
    """SQLite in `folder`, or a fresh PostgreSQL database beside the suite's."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{folder}/live.sqlite3"
        return
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_live"
    maintenance = parts._replace(path="/postgres").geturl()
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
        sql.Identifier(name)
    )
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(drop)
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(drop)


@dataclass
class Response:
    status: int
    headers: dict
    text: str


class Browser:
    """A reader or an editor: cookies kept, redirects not followed."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect
        )

    def request(self, path, data=None, headers=None, timeout=30):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data else None
        request = urllib.request.Request(self.base + path, body, headers or {})
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                return Response(answer.status, dict(answer.headers), read(answer))
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), read(error))

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), "")

    def log_in(self, username):
        form = self.request("/admin/login/").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        answer = self.request(
            "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": token.group(1),
                "username": username,
                "password": PASSWORD,
                "next": "/admin/",
            },
        )
        assert answer.status == 302, answer.text

    def post_comment(self, slug, answer, **fields):
        """A reader's comment, the way the page's script sends it.

        `answer(key)` gives the CAPTCHA's answer (the test reads the store).
        """
        challenge = json.loads(
            self.request(
                "/comments/challenge/", headers={"X-Requested-With": "XMLHttpRequest"}
            ).text
        )
        data = {
            "body": "Nothing is lost when Redis fails.",
            "author_name": "Aigerim",
            "author_email": "aigerim@example.com",
            "author_url": "",
            "captcha_0": challenge["key"],
            "captcha_1": answer(challenge["key"]),
            "proof": solve(challenge["puzzle"]),
            "timestamp": challenge["timestamp"],
            "csrfmiddlewaretoken": challenge["csrf_token"],
            **fields,
        }
        return self.request(f"/articles/{slug}/comments/", data)

    def approve(self, *pks):
        answer = self.request(
            "/admin/comments/comment/?status=all",
            {
                "csrfmiddlewaretoken": self.cookie("csrftoken"),
                "action": "approve",
                "_selected_action": [str(pk) for pk in pks],
            },
        )
        assert answer.status == 302, answer.text


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def read(answer):
    return answer.read().decode("utf-8", "replace")


class LiveSite:
    def __init__(self, folder, url):
        self.folder = Path(folder)
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in DROPPED},
            "SECRET_KEY": secrets.token_urlsafe(50),
            "HTTPS": "0",
            "DATABASE_URL": url,
            "NEWSROOM_EDITOR_PASSWORD": PASSWORD,
            # Its own keys in a Redis shared with past runs and other tests.
            "CACHE_KEY_PREFIX": f"live-{secrets.token_hex(4)}",
            # The test posts as fast as a script can, all from 127.0.0.1 and
            # without the proof of work: the attempt budgets have tests of
            # their own.
            "COMMENTS_MIN_FORM_SECONDS": "0",
            "COMMENTS_PLAIN_POST_LIMIT": "100000",
            "COMMENTS_POST_LIMIT": "100000",
            "COMMENTS_CHALLENGE_LIMIT": "100000",
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args, env=None):
        """A command run from another process, as from a shell or cron."""
        result = subprocess.run(
            [sys.executable, "manage.py", *map(str, args)],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def python(self, code, env=None):
        """Django code run in another process; returns what it prints."""
        return self.manage("shell", "--no-imports", "-c", code, env=env).strip()

    def query(self, statement, *params):
        """Rows straight from the site's database (`%s` placeholders)."""
        url = self.env["DATABASE_URL"]
        if url.startswith("sqlite"):
            with closing(sqlite3.connect(urlsplit(url).path)) as connection:
                return connection.execute(
                    statement.replace("%s", "?"), params
                ).fetchall()
        with psycopg.connect(url) as connection:
            return connection.execute(statement, params).fetchall()

    def captcha_answer(self, key):
        rows = self.query(
            "SELECT response FROM captcha_captchastore WHERE hashkey = %s", key
        )
        return rows[0][0]

    def comments(self, body):
        return self.query(
            "SELECT COUNT(*) FROM comments_comment WHERE body = %s", body
        )[0][0]

    def prepare(self):
        self.manage("migrate", "--no-input")
        self.manage("collectstatic", "--no-input", "--verbosity", "0")
        self.manage("create_editor", "mira", "--no-input")

    @contextmanager
    def serve(self, workers=4, **env):
        """gunicorn on a free port until the block ends; yields a Server."""
        port = free_port()
        log_path = self.folder / f"server-{port}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "gunicorn", "newsroom.wsgi"),
                    *("--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
                    *("--graceful-timeout", "3", "--access-logfile", "-"),
                ],
                cwd=ROOT,
                env={**self.env, **env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(f"http://127.0.0.1:{port}", port, process, log_path)
        try:
            server.wait_until_up()
            yield server
        finally:
            server.stop()


@dataclass
class Server:
    base: str
    port: int
    process: subprocess.Popen
    log_path: Path

    def browser(self):
        return Browser(self.base)

    def get(self, path, **kwargs):
        return Browser(self.base).request(path, **kwargs)

    def log(self):
        return self.log_path.read_text("utf-8", "replace")

    def wait_until_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The server exited:\n{self.log()}")
            with suppress(OSError):
                if self.get("/livez", timeout=2).status == 200:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"The server did not start:\n{self.log()}")

    def stop(self):
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
