"""Blocks ("spam and block"): an email, an address, an address range or an
email domain whose new comments are stored as spam, for a time or for good."""

import ipaddress
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .privacy import PREFIX_LENGTHS


class BlockQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))

    def covering(self, email, ip_address):
        """The blocks in force that cover an email or an IP address.

        Exact values only, so it is one indexed lookup: a range is stored as
        the /24 or /48 an address falls in (see network_of).
        """
        found = Q(pk__in=[])
        for kind, value in covering_terms(email, ip_address):
            found |= Q(kind=kind, value=value)
        return self.active().filter(found)


class Block(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", _("email")
        ADDRESS = "address", _("IP address")
        NETWORK = "network", _("address range")
        DOMAIN = "domain", _("email domain")

    kind = models.CharField(_("what"), max_length=10, choices=Kind)
    # Lower case: an email, a domain, an address, or a range in CIDR notation.
    value = models.CharField(_("value"), max_length=100)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="comment_blocks",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: for good.")
    )
    # The decision that moved the author's pending comments to spam, for undo.
    batch = models.UUIDField(_("decided together"), default=uuid.uuid4)

    objects = BlockQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        indexes = [models.Index(fields=["kind", "value"])]

    def __str__(self):
        text = f"{self.get_kind_display()} {self.value}"
        return f"{text} ({self.reason})" if self.reason else text


def in_network(address, network):
    try:
        return ipaddress.ip_address(address) in ipaddress.ip_network(network)
    except ValueError:
        return False


def covering_terms(email, ip_address):
    """The (kind, value) pairs of the blocks that would cover an email or an
    IP address (see BlockQuerySet.covering)."""
    email = (email or "").strip().lower()
    terms = []
    if email:
        domain = email.rpartition("@")[2]
        terms += [(Block.Kind.EMAIL, email), (Block.Kind.DOMAIN, domain)]
    if network := network_of(ip_address):
        terms += [(Block.Kind.ADDRESS, ip_address), (Block.Kind.NETWORK, network)]
    return terms


def network_of(address):
    """The address's range as a block names it (IPv4 /24, IPv6 /48); "" for
    no address or a malformed one."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return ""
    return str(ipaddress.ip_network(f"{ip}/{PREFIX_LENGTHS[ip.version]}", strict=False))
