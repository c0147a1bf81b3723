"""A fresh PostgreSQL database for the benchmark, dropped when it ends."""

from contextlib import contextmanager
from urllib.parse import urlsplit

import psycopg
from django.db import connections
from psycopg import sql


@contextmanager
def fresh_database(url):
    """Create the database `url` names, empty, and drop it afterwards.

    Only a database whose name starts with "bench": this one is thrown away.
    """
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("bench"):
        raise SystemExit(
            f"The benchmark drops its database: name it bench…, not {name!r}"
        )
    maintenance = parts._replace(path="/postgres").geturl()
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
        sql.Identifier(name)
    )
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(drop)
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield
    finally:
        connections.close_all()
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(drop)
