"""Storing every comment's rendered HTML again (a new renderer, an import)."""

from . import markup

BATCH = 500


def render_stale(comments):
    """Render and store the comments whose stored HTML is not current; count them."""
    rendered = 0
    stale = []
    for comment in comments.only("pk", "body", "body_html_key").iterator(BATCH):
        if comment.body_html_key != markup.key(comment.body):
            comment.body_html = markup.render(comment.body)
            comment.body_html_key = markup.key(comment.body)
            stale.append(comment)
        if len(stale) >= BATCH:
            rendered += flush(comments, stale)
    return rendered + flush(comments, stale)


def flush(comments, stale):
    comments.model.objects.bulk_update(stale, ["body_html", "body_html_key"])
    count = len(stale)
    stale.clear()
    return count
