"""The site as it runs in production: gunicorn workers on a database of their
own (a SQLite file, or a PostgreSQL database beside the test database), for
tests about what several processes do at once."""

import os
import socket
import sqlite3
import subprocess
import sys
from contextlib import closing, contextmanager, suppress
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connection

from bench.server import stop, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
PORTS = range(8300, 8400)


@contextmanager
def served_site(tmp_path, **environment):
    """Serve the site with 4 gunicorn workers until the block ends; yields
    (base URL, a function that runs one SQL query on the server's database)."""
    with own_database(tmp_path) as url:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DEBUG": "1",  # static files without collectstatic; test mode stays off
            "SECRET_KEY": settings.SECRET_KEY,
            "HTTPS": "0",
            "WEB_CONCURRENCY": "4",  # gunicorn's worker count
            **environment,
        }
        env.pop("REDIS_URL", None)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        for command in (["migrate", "--no-input"], ["load_seeds"]):
            manage(command, env)
        host = f"127.0.0.1:{free_port()}"
        with (tmp_path / "gunicorn.log").open("ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", host],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_until_up(f"http://{host}/healthz", process)
            yield f"http://{host}", lambda sql, params=(): query(url, sql, params)
        finally:
            stop(process)


def manage(command, env):
    subprocess.run(
        [sys.executable, "manage.py", *command, "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


@contextmanager
def own_database(tmp_path):
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'served.sqlite3'}"
        return
    params = connection.get_connection_params()
    name = f"{settings.DATABASES['default']['NAME']}_served"
    base = {key: params[key] for key in ("host", "port", "user") if key in params}
    admin = psycopg.connect(dbname="postgres", autocommit=True, **base)
    with closing(admin):
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            server = f"{base.get('host', '127.0.0.1')}:{base.get('port', 5432)}"
            yield f"postgres://{base.get('user', 'postgres')}@{server}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(url, sql, params):
    """Rows of one query on the server's database, outside Django's connections."""
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            return db.execute(sql.replace("%s", "?"), params).fetchall()
    with psycopg.connect(url) as db:
        return db.execute(sql, params).fetchall()


def free_port():
    for port in PORTS:
        with suppress(OSError), socket.socket() as probe:
            probe.bind(("127.0.0.1", port))
            return port
    raise RuntimeError("No free port in 8300-8399")
