from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from . import body


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def unique_slug(self, text):
        """A slug made from `text` that no article has yet."""
        base = slugify(text, allow_unicode=True)[:190] or "article"
        slug, number = base, 1
        while self.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug


class Term(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Section(Term):
    class Meta(Term.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")


class Tag(Term):
    class Meta(Term.Meta):
        verbose_name = _("tag")
        verbose_name_plural = _("tags")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    body = models.TextField(
        _("body"),
        help_text=_(
            "HTML, or plain text: a blank line separates paragraphs and a line "
            "break stays a line break. Links, emphasis, lists, quotes, "
            "headings and images are kept; anything else is removed."
        ),
    )
    excerpt = models.TextField(_("excerpt"), blank=True)
    sections = models.ManyToManyField(
        Section, blank=True, related_name="articles", verbose_name=_("sections")
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="articles", verbose_name=_("tags")
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

    def filed_under(self):
        """The article's sections and tags, in one query: (sections, tags)."""
        sections = self.sections.annotate(kind=models.Value(0)).values_list(
            "kind", "name"
        )
        tags = self.tags.annotate(kind=models.Value(1)).values_list("kind", "name")
        rows = sections.order_by().union(tags.order_by(), all=True)
        found = ([], [])
        for kind, name in sorted(rows):
            found[kind].append(name)
        return found

    @property
    def body_html(self):
        """The body as sanitised HTML, ready for the page."""
        return body.render(self.body)

    @property
    def paragraphs(self):
        """The body's paragraphs as plain text (for lists and feeds)."""
        return body.text_paragraphs(self.body)

    @property
    def summary(self):
        return self.excerpt or next(iter(self.paragraphs), "")

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()
        )

    @property
    def comments_published_at(self):
        """When its discussion became public (None while it is a draft)."""
        return self.published_at if self.status == self.Status.PUBLISHED else None
