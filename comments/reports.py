"""Readers' reports: a reader flags a published comment for the editors."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .ledger import Reason


class ReportQuerySet(models.QuerySet):
    def open(self):
        """Reports no editor has dismissed yet."""
        return self.filter(dismissed_at__isnull=True)


class Report(models.Model):
    comment = models.ForeignKey(
        "comments.Comment",
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("comment"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # A digest of the reader's random id (a cookie): one report per reader.
    reporter = models.CharField(_("reader"), max_length=64)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="one_report_per_reader"
            )
        ]
        indexes = [
            models.Index(fields=["dismissed_at", "comment"]),
            models.Index(fields=["ip_address", "created_at"]),
        ]

    def __str__(self):
        return (
            f"{self.get_reason_display()}: {self.note}"
            if self.note
            else (self.get_reason_display())
        )
