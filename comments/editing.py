"""The author's own changes within the edit window: edit the text, or delete.

An edit goes through the moderation policy again, as a new comment would: an
approved comment whose new text trips a rule is held again (or sent to spam),
with the reasons recorded. A held comment stays held. The time of the edit
is kept and shown ("edited").
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import moderation
from .caching import pages_changed
from .ledger import Actor, Source
from .models import Comment
from .services import comment_moderate, current_rules, store_reasons


def may_edit(comment, own_ids, now=None):
    """Whether this browser (by its signed ids) may still change the comment."""
    now = now or timezone.now()
    return (
        comment.pk in own_ids
        and not comment.is_removed
        and comment.status != Comment.Status.TRASH
        and now < comment.edit_until
    )


@transaction.atomic
def comment_edit(*, comment: Comment, body: str) -> Comment:
    """Store the author's new text and judge the comment again; return it."""
    submission = moderation.Submission(
        author_name=comment.author_name,
        author_email=comment.author_email,
        author_url=comment.author_url,
        body=body,
        ip_address=comment.ip_address or "",
        user_agent=comment.user_agent,
    )
    verdict = moderation.judge(submission, moderation.Facts(), current_rules())
    comment.body = body
    comment.edited_at = timezone.now()
    comment.render_body()
    comment.save(update_fields=["body", "body_html", "body_html_key", "edited_at"])
    pages_changed([comment.discussion_id])
    # Under manual approval every new text waits for an editor again.
    held = verdict.status in (moderation.PENDING, moderation.SPAM)
    if comment.status == Comment.Status.APPROVED and held:
        comment.reasons.all().delete()
        store_reasons(comment, verdict.reasons)
        comment_moderate(
            comments=Comment.objects.filter(pk=comment.pk),
            status=verdict.status,
            user=None,
            actor=Actor.POLICY,
            source=Source.COMMENT_FORM,
            note=_("edited by its author: %(reasons)s")
            % {"reasons": "; ".join(map(str, verdict.reasons))},
        )
        comment.refresh_from_db(fields=["status"])
    return comment


@transaction.atomic
def comment_withdraw(*, comment: Comment) -> None:
    """The author takes their comment back: it goes to the trash."""
    comment_moderate(
        comments=Comment.objects.filter(pk=comment.pk),
        status=Comment.Status.TRASH,
        user=None,
        actor=Actor.POLICY,
        source=Source.COMMENT_FORM,
        note=_("deleted by its author within the edit window"),
    )
