"""Trigram indexes for the queue's search, on PostgreSQL only.

The admin searches text, name, email and address with icontains, which
PostgreSQL writes as UPPER(column) LIKE UPPER('%term%'): a GIN index with
pg_trgm's operator class on exactly those expressions answers it without
reading every comment. SQLite has no such index; its search stays bounded by
the queue's capped count (comments.admin_filters.QueuePaginator).
"""

from django.db import migrations

# The expressions as Django's icontains writes them on PostgreSQL.
SEARCHED = {
    "comment_body_trgm": 'UPPER("body"::text)',
    "comment_name_trgm": 'UPPER("author_name"::text)',
    "comment_email_trgm": 'UPPER("author_email"::text)',
    "comment_ip_trgm": 'UPPER(HOST("ip_address"))',
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Not django.contrib.postgres's TrigramExtension: unapplied on SQLite, it
    # asks for PostgreSQL's catalogue. The extension stays when unapplied.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in SEARCHED.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON comments_comment "
            f"USING gin ({expression} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("comments", "0024_duplicate_index")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
