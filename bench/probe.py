"""Measurements inside Django: SQL per request, and whether anything was written."""

import re
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
TRANSACTION = re.compile(r"\s*(BEGIN|COMMIT|SAVEPOINT|RELEASE)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Queries:
    statements: list  # (milliseconds, SQL)

    @property
    def count(self):
        return len(self.statements)

    @property
    def work(self):
        """Queries other than transaction control (SQLite's BEGIN, COMMIT)."""
        return sum(not TRANSACTION.match(sql) for _ms, sql in self.statements)

    @property
    def writes(self):
        return sum(bool(WRITE.match(sql)) for _ms, sql in self.statements)


def reader():
    """A test client that speaks to the site as a reader would, on 127.0.0.1."""
    return Client(SERVER_NAME="127.0.0.1")


def queries(client, url, data=None, status=200):
    """The SQL one GET of `url` (or POST of `data`) runs; it must answer `status`."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url) if data is None else client.post(url, data)
    if response.status_code != status:
        raise RuntimeError(f"{url} answered {response.status_code}, not {status}")
    return Queries([(float(query["time"]) * 1000, query["sql"]) for query in captured])


class WriteWatch:
    """Did any process change the database between `start()` and `changes()`?

    Compares the row count of every table and, on SQLite, the file's
    data_version, which moves when any other connection commits.
    """

    def start(self):
        self.before = self.snapshot()
        return self

    def changes(self):
        after = self.snapshot()
        return {
            key: (self.before.get(key), value)
            for key, value in after.items()
            if self.before.get(key) != value
        }

    def snapshot(self):
        with connection.cursor() as cursor:
            counts = {}
            for table in connection.introspection.table_names(cursor):
                table = connection.ops.quote_name(table)
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                counts[table] = cursor.fetchone()[0]
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA data_version")
                counts["sqlite data_version"] = cursor.fetchone()[0]
        return counts
