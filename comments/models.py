from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .privacy import TRUNCATED_IP


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def for_thread(self, article):
        """The approved comments shown under an article, oldest first."""
        return self.approved().filter(article=article).order_by("submitted_at", "pk")

    def awaiting_reader(self, article, ids):
        """The pending comments a reader posted on an article (by signed ids)."""
        return self.pending().filter(article=article, pk__in=ids).order_by("pk")

    def by_email(self, email):
        """Every comment made with an email address, whatever its case."""
        if not email.strip():
            return self.none()
        return self.filter(author_email__iexact=email.strip())

    def untrimmed(self, before):
        """Comments older than `before` still holding a raw IP or a user agent."""
        raw_ip = Q(ip_address__isnull=False) & ~Q(ip_address__regex=TRUNCATED_IP)
        return self.filter(submitted_at__lt=before).filter(~Q(user_agent="") | raw_ip)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("article"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    author_name = models.CharField(_("name"), max_length=245)
    author_email = models.EmailField(_("email"), max_length=100)
    author_url = models.URLField(_("website"), max_length=200, blank=True)
    body = models.TextField(_("comment"), max_length=65525)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    is_removed = models.BooleanField(
        _("text deleted"),
        default=False,
        help_text=_(
            "The text was deleted at the commenter's request; the comment stays "
            "as a placeholder so that its replies still read as a thread."
        ),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [
            ("moderate_comment", _("Can moderate comments")),
            ("export_personal_data", _("Can export commenters' personal data")),
            ("erase_personal_data", _("Can erase commenters' personal data")),
        ]
        indexes = [
            models.Index(fields=["article", "status", "submitted_at"]),
            models.Index(fields=["status", "-submitted_at"]),
        ]

    def __str__(self):
        return _("Comment %(pk)s by %(name)s") % {
            "pk": self.pk,
            "name": self.author_name,
        }

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"
