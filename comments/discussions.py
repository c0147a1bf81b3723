"""Discussions: what comments belong to.

A discussion hangs on an object of the host project (an article, a video
page: any model) or on an external page, named by its canonical URL. Whether
it is open, when it closes and which page version its cached pages carry are
the discussion's, whatever it hangs on.

A host tells its discussion two things, by plain attributes, when it has
them: `comments_published_at` (when readers could first reach it, None while
they cannot; without it, a discussion is public from its creation) and its
`__str__` (the title editors see in the queue).
"""

from datetime import timedelta
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def normalised_url(url):
    """A page's canonical URL: scheme and host in lower case, no fragment."""
    parts = urlsplit(url.strip())
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )


def host_facts(obj):
    """What a discussion copies from its host object."""
    facts = {"title": str(obj)[:300]}
    if hasattr(obj, "comments_published_at"):
        facts["published_at"] = obj.comments_published_at
    return facts


def new_facts(obj):
    """What a new discussion of a host object starts with."""
    return {"published_at": timezone.now(), **host_facts(obj)}


class DiscussionQuerySet(models.QuerySet):
    def public(self):
        """Discussions readers can reach: their host is published."""
        return self.filter(published_at__lte=timezone.now())

    def of_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
        )

    def for_object(self, obj):
        """The discussion of a host object, created on first use."""
        discussion, _created = self.get_or_create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            defaults=new_facts(obj),
        )
        return discussion.hosted_by(obj)

    def for_page(self, *, url: str, title: str):
        """The discussion of an external page, created on first use."""
        discussion, _created = self.get_or_create(
            url=normalised_url(url),
            defaults={"title": title[:300], "published_at": timezone.now()},
        )
        return discussion

    def read_for_object(self, obj, *, missing=False):
        """The discussion of a host object, or an unsaved one if it has none
        yet (or is known to have none, `missing`): a page view never writes."""
        discussion = None
        if not missing:
            discussion = self.of_object(obj).select_related("page_version").first()
        if discussion is None:
            discussion = self.model(
                content_type=ContentType.objects.get_for_model(obj),
                object_id=str(obj.pk),
                **new_facts(obj),
            )
        return discussion.hosted_by(obj)

    def sync_with_host(self, obj):
        """The host's discussion (created if it has none yet), with what it
        shows of its host copied again (after an edit)."""
        discussion = self.for_object(obj)
        facts = host_facts(obj)
        if any(getattr(discussion, name) != value for name, value in facts.items()):
            self.filter(pk=discussion.pk).update(**facts)
        return discussion


class Discussion(models.Model):
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("kind of page"),
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    host = GenericForeignKey("content_type", "object_id")
    url = models.URLField(
        _("page URL"),
        max_length=500,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The external page the discussion is embedded in."),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    comments_open = models.BooleanField(_("comments open"), default=True)
    closes_at = models.DateTimeField(
        _("comments close"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: comments close COMMENTS_CLOSE_AFTER_DAYS after publication, "
            "if that is set."
        ),
    )
    # Copied from the host (see host_facts); None while readers cannot reach it.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = DiscussionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(content_type__isnull=False),
                name="one_discussion_per_object",
            ),
            models.CheckConstraint(
                condition=Q(content_type__isnull=True) ^ Q(url__isnull=True),
                name="discussion_on_object_or_page",
            ),
        ]

    def __str__(self):
        return self.title or self.url or str(self.pk)

    def get_absolute_url(self):
        if self.url:
            return self.url
        return self.host.get_absolute_url()

    def hosted_by(self, obj):
        """This discussion with its host object at hand (no query to fetch it)."""
        Discussion._meta.get_field("host").set_cached_value(self, obj)
        return self

    def get_comment_page_url(self, number):
        """Page `number` of the thread: the host's own address for it if it
        has one, else its page with `comment-page` in the query."""
        host = None if self.url else self.host
        if hasattr(host, "get_comment_page_url"):
            return host.get_comment_page_url(number)
        base = host.get_absolute_url() if host else self.get_site_url()
        return base if number == 1 else f"{base}?{urlencode({'comment-page': number})}"

    def get_site_url(self):
        """The discussion on the comments site (the `<noscript>` link)."""
        return reverse("comments:discussion", kwargs={"pk": self.pk})

    @property
    def comments_close_at(self):
        """When comments close: the date set, or by age (COMMENTS_CLOSE_AFTER_DAYS)."""
        days = settings.COMMENTS_CLOSE_AFTER_DAYS
        if self.closes_at or not days or not self.published_at:
            return self.closes_at
        return self.published_at + timedelta(days)

    @property
    def page_token(self):
        """Its page version's token as read with it ("" before the first)."""
        if not hasattr(self, "_page_token"):
            try:
                self._page_token = self.page_version.token
            except ObjectDoesNotExist:
                self._page_token = ""
        return self._page_token

    @property
    def is_public(self):
        return self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_closed(self):
        """Closed by an editor, or by its closing date."""
        closes_at = self.comments_close_at
        too_old = closes_at is not None and closes_at <= timezone.now()
        return not self.comments_open or too_old

    @property
    def accepts_comments(self):
        return self.is_public and not self.is_closed
