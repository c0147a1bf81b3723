"""A reader's request for a copy, or the erasure, of their comments' personal data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyRequestQuerySet(models.QuerySet):
    def recent(self, since):
        return self.filter(requested_at__gte=since)


class PrivacyRequest(models.Model):
    class Kind(models.TextChoices):
        EXPORT = "export", _("Send me a copy of my comments")
        ERASURE = "erasure", _("Erase my name, email and website from my comments")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the reader to confirm")
        AWAITING = "awaiting", _("Confirmed: waiting for an editor")
        DONE = "done", _("Done")

    kind = models.CharField(_("request"), max_length=10, choices=Kind)
    email = models.EmailField(_("email"), max_length=100)
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.UNCONFIRMED
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("approved by"),
    )

    objects = PrivacyRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")
        indexes = [
            models.Index(fields=["email", "requested_at"]),
            models.Index(fields=["ip_address", "requested_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.email}"
