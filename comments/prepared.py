"""Queries with no variable part, built by Django once per process.

Building a small query costs Django far more than the database takes to
answer it. A query whose SQL never changes, asked on every comment posted,
is built on first use and from then on only run. Its rows come as the
database driver returns them: use it for text columns.
"""

from functools import wraps

from django.db import connection


def prepared(build):
    """Decorate a function that returns a QuerySet with no variable part: the
    decorated function returns that query's rows, as tuples."""
    compiled = {}

    @wraps(build)
    def rows():
        if connection.vendor not in compiled:
            compiled[connection.vendor] = build().query.sql_with_params()
        sql, params = compiled[connection.vendor]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return rows
