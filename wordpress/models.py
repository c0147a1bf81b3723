"""Where each imported post and comment went, so an import can be re-run.

A source is a WordPress site (its base URL) or a Disqus forum ("disqus:NAME");
`wp_id` is the id the source gave (a Disqus post id for a Disqus source).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from comments.models import Comment


class Imported(models.Model):
    source = models.CharField(
        _("source"),
        max_length=200,
        help_text=_(
            "The WordPress site the export came from (its base URL), or disqus:FORUM."
        ),
    )
    wp_id = models.PositiveBigIntegerField(_("WordPress id"))

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["source", "wp_id"], name="%(app_label)s_%(class)s_unique_wp_id"
            )
        ]

    def __str__(self):
        return f"{self.source} #{self.wp_id}"


class ImportedPost(Imported):
    wp_slug = models.CharField(
        _("WordPress slug"),
        max_length=200,
        blank=True,
        help_text=_("The post's name in its old permalinks (/2023/06/16/name/)."),
    )
    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        related_name="wordpress",
        verbose_name=_("article"),
    )

    class Meta(Imported.Meta):
        indexes = [models.Index(fields=["wp_slug"])]
        verbose_name = _("imported post")
        verbose_name_plural = _("imported posts")


class ImportedComment(Imported):
    # Kept when the comment is deleted here, so that a re-import of an older
    # export does not bring it back; `erased` once its author's data was.
    comment = models.OneToOneField(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        related_name="wordpress",
        verbose_name=_("comment"),
    )
    erased = models.BooleanField(
        _("personal data erased"),
        default=False,
        help_text=_("Re-imports leave this comment as the erasure left it."),
    )
    wp_user_id = models.PositiveBigIntegerField(
        _("WordPress user id"),
        default=0,
        help_text=_("The registered WordPress user who wrote it; 0 for a guest."),
    )

    class Meta(Imported.Meta):
        verbose_name = _("imported comment")
        verbose_name_plural = _("imported comments")


def remember_erased(sender, comment_ids, **kwargs):
    ImportedComment.objects.filter(comment_id__in=comment_ids).update(erased=True)
