"""The rendered thread of an article, cached until something in it changes.

Each article has a version token in the shared cache; rendered pages of its
thread are stored under the current token. A change to a comment or to the
article replaces the token at once and again when the transaction commits,
so no request can re-cache the old thread after the editor is told it is done.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION = "comments:thread-version:{}"


def thread_version(article_id):
    return cache.get_or_set(VERSION.format(article_id), uuid.uuid4().hex, None)


def invalidate_threads(article_ids):
    def replace_versions():
        cache.set_many(
            {VERSION.format(pk): uuid.uuid4().hex for pk in article_ids}, None
        )

    replace_versions()
    transaction.on_commit(replace_versions)
