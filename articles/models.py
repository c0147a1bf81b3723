from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def unique_slug(self, text):
        """A slug made from `text` that no article has yet."""
        base = slugify(text)[:190] or "article"
        slug, number = base, 1
        while self.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    body = models.TextField(
        _("body"), help_text=_("Paragraphs are separated by a blank line.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("publication date"), default=timezone.now)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the article is written in."),
    )
    comments_open = models.BooleanField(_("comments open"), default=True)
    seed = models.CharField(
        _("seed file"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_("The seed file this article was loaded from, if any."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["seed"], condition=~models.Q(seed=""), name="unique_seed"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def get_comment_page_url(self, number):
        if number == 1:
            return self.get_absolute_url()
        return reverse(
            "articles:comment-page", kwargs={"slug": self.slug, "page": number}
        )

    @property
    def paragraphs(self):
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()
        )

    @property
    def comments_close_at(self):
        """When comments close by age (COMMENTS_CLOSE_AFTER_DAYS), if they do."""
        days = settings.COMMENTS_CLOSE_AFTER_DAYS
        return self.published_at + timedelta(days) if days else None

    @property
    def discussion_closed(self):
        """Closed by an editor, or by age when COMMENTS_CLOSE_AFTER_DAYS is set."""
        closes_at = self.comments_close_at
        too_old = closes_at is not None and closes_at <= timezone.now()
        return not self.comments_open or too_old

    @property
    def accepts_comments(self):
        return self.is_published and not self.discussion_closed
