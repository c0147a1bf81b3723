"""What the database knows of a comment's sender: one query of EXISTS tests.

Every comment posted asks it, so it is written as SQL: Django took several
times longer to build this query than the database takes to answer it. Each
test is answered from an index, so its cost does not grow with the thread:
the same text by the same email (the lower-case email index) or the same
name (the discussion and name index), a block in force (kind and value), an
approved comment by the author (email), a recent post by the sender (email
or address). The blocks are those of `Block.objects.covering()`, and
emails compare in lower case, as `Comment.objects.with_email()` does.
"""

from django.db import connection
from django.utils import timezone

from .blocks import Block, covering_terms
from .models import Comment


def sender_facts(*, discussion_id, submission, known_authors, flood_since):
    """{name: bool} for each test that applies. `known_authors`: whether to
    look for an approved comment by the author; `flood_since`: the start of
    the flood interval, or None not to look for recent posts."""
    email = submission.author_email.lower()
    tests = {
        "duplicate": duplicate(discussion_id, email, submission),
        "blocked": blocked(submission),
    }
    if known_authors:
        tests["author_has_approved_comment"] = exists(
            comments("status = %s AND LOWER(author_email) = %s AND author_name = %s"),
            [Comment.Status.APPROVED, email, submission.author_name],
        )
    if flood_since is not None:
        tests["recent_post_by_same_sender"] = recent(
            email, submission.ip_address, flood_since
        )
    sql = ", ".join(f"{test} AS {name}" for name, (test, _params) in tests.items())
    params = [param for _test, test_params in tests.values() for param in test_params]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", params)
        row = cursor.fetchone()
    return {name: bool(value) for name, value in zip(tests, row, strict=True)}


def duplicate(discussion_id, email, submission):
    """The same text in the same discussion by the same email or the same name,
    unless trashed: two tests, so that each has an index."""
    same = "discussion_id = %s AND body = %s AND status <> %s"
    same_params = [discussion_id, submission.body, Comment.Status.TRASH]
    by_email, email_params = exists(
        comments(f"LOWER(author_email) = %s AND {same}"), [email, *same_params]
    )
    by_name, name_params = exists(
        comments(f"author_name = %s AND {same}"),
        [submission.author_name, *same_params],
    )
    return f"({by_email} OR {by_name})", email_params + name_params


def blocked(submission):
    terms = covering_terms(submission.author_email, submission.ip_address)
    if not terms:
        return "(1 = 0)", []
    covers = " OR ".join(["(kind = %s AND value = %s)"] * len(terms))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    table = connection.ops.quote_name(Block._meta.db_table)
    return exists(
        f"SELECT 1 FROM {table} WHERE ({covers}) "
        "AND (expires_at IS NULL OR expires_at > %s)",
        [value for term in terms for value in term] + [now],
    )


def recent(email, ip_address, since):
    sender, params = "LOWER(author_email) = %s", [email]
    if ip_address:
        sender, params = f"({sender} OR ip_address = %s)", [email, ip_address]
    since = connection.ops.adapt_datetimefield_value(since)
    return exists(comments(f"{sender} AND submitted_at >= %s"), [*params, since])


def comments(where):
    table = connection.ops.quote_name(Comment._meta.db_table)
    return f"SELECT 1 FROM {table} WHERE {where}"


def exists(query, params):
    return f"EXISTS ({query})", params
