"""The decision ledger: one row for every change of a comment's status.

Who or what decided, when, from which status to which, why and from where.
Rows are written only by `services.comment_moderate` (and by the services
that store new comments), in the transaction that changes the status.
"""

import uuid

from django.conf import settings
from django.db import connection, models
from django.db.models import Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .moderation import Status


class Actor(models.TextChoices):
    EDITOR = "editor", _("an editor")
    POLICY = "policy", _("the automatic policy")
    REPORT = "report", _("readers' reports")
    BAN = "ban", _("a block")
    IMPORTER = "importer", _("the importer")
    ERASURE = "erasure", _("an erasure request")
    UNDO = "undo", _("an undo")
    PURGE = "purge", _("the automatic purge")


class Source(models.TextChoices):
    BUTTON = "button", _("queue button")
    BULK = "bulk", _("bulk action")
    EMAIL = "email", _("email link")
    DESK = "desk", _("desk")
    ADMIN_FORM = "admin_form", _("comment page")
    REPLY = "reply", _("reply as the newsroom")
    COMMENT_FORM = "comment_form", _("comment form")
    REPORT_FORM = "report_form", _("report form")
    EMPTY = "empty", _("Empty Spam / Empty Trash")
    COMMAND = "command", _("command")
    HISTORY = "history", _("earlier admin history")


class Reason(models.TextChoices):
    """Why an editor rejected a comment (asked like Coral asks)."""

    SPAM = "spam", _("spam")
    ABUSIVE = "abusive", _("abusive")
    OFF_TOPIC = "off_topic", _("off-topic")
    PERSONAL_INFORMATION = "personal_information", _("personal information")
    OTHER = "other", _("other")


# "Approved by Mira Lane": the decision's verb, by the status it moved to.
VERBS = {
    Status.APPROVED: _("Approved"),
    Status.PENDING: _("Held for moderation"),
    Status.SPAM: _("Marked as spam"),
    Status.TRASH: _("Moved to the trash"),
}
PURGED = _("Deleted")


def arrival(comment, decisions):
    """The policy's verdict on a posted comment, in the ledger's words.

    Not a row: the comment's time and its reasons (ModerationReason) say it,
    and posting stays within its query budget. `decisions` oldest first; a
    comment that came in another way (imported, a reply) has a row for it.
    """
    if decisions and not decisions[0].from_status:
        return None
    status = decisions[0].from_status if decisions else comment.status
    text = _("%(verb)s by %(who)s, %(when)s") % {
        "verb": VERBS.get(status, status),
        "who": Actor.POLICY.label,
        "when": date_format(timezone.localtime(comment.submitted_at), "j M H:i"),
    }
    reasons = "; ".join(map(str, comment.reasons.all()))
    return f"{text} — {reasons}" if reasons else text


class DecisionQuerySet(models.QuerySet):
    def record(self, comment_ids, *, status_is="from_status", **fields):
        """One row per comment, its current status copied into `status_is`
        (where it came from; or, for an arrival, where it went), in one query.

        INSERT … SELECT rather than bulk_create: the number of queries stays
        the same for one comment or a thousand (SQLite caps bulk inserts at
        999 parameters), and no model instance is built per row.
        """
        if not comment_ids:
            return 0
        fields = {"reason": "", "note": "", "from_status": "", "to_status": ""} | fields
        del fields[status_is]
        values = {
            f"new_{name}": Cast(Value(value), self.model._meta.get_field(name))
            for name, value in fields.items()
        }
        comments = self.model.comment.field.related_model.objects
        sql, params = (
            comments.filter(pk__in=comment_ids)
            .order_by()
            .annotate(**values)
            .values_list("pk", "status", *values)
            .query.sql_with_params()
        )
        quote = connection.ops.quote_name
        columns = ["comment_id", status_is, *fields]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(self.model._meta.db_table)} "
                f"({', '.join(map(quote, columns))}) {sql}",
                params,
            )
            return cursor.rowcount


class Decision(models.Model):
    comment = models.ForeignKey(
        "comments.Comment",
        on_delete=models.SET_NULL,
        null=True,
        related_name="decisions",
        verbose_name=_("comment"),
    )
    batch = models.UUIDField(_("decided together"), default=uuid.uuid4)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.CharField(_("who"), max_length=10, choices=Actor)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comment_decisions",
        verbose_name=_("editor"),
    )
    source = models.CharField(_("from where"), max_length=20, choices=Source)
    # Blank for a comment that was just posted or imported.
    from_status = models.CharField(_("from"), max_length=10, choices=Status, blank=True)
    # Blank for a comment deleted for good (emptied or purged).
    to_status = models.CharField(_("to"), max_length=10, choices=Status, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason, blank=True)
    note = models.CharField(_("why"), max_length=500, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            models.Index(fields=["comment", "created_at"]),
            models.Index(fields=["batch"]),
            models.Index(fields=["created_at", "actor"]),
        ]

    def __str__(self):
        """“Approved by Mira Lane, 3 Dec 14:02 — was pending, spam: a note”."""
        who = self.user and (self.user.get_full_name() or self.user.get_username())
        text = _("%(verb)s by %(who)s, %(when)s") % {
            "verb": VERBS.get(self.to_status, PURGED),
            "who": who or self.get_actor_display(),
            "when": date_format(timezone.localtime(self.created_at), "j M H:i"),
        }
        why = [
            _("was %(status)s") % {"status": Status(self.from_status).label.lower()}
            if self.from_status
            else "",
            self.get_reason_display(),
            self.note,
        ]
        why = ", ".join(str(part) for part in why if part)
        return f"{text} — {why}" if why else text
