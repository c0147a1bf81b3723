from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import markup, moderation
from .blocks import Block
from .discussions import Discussion
from .ledger import Decision
from .privacy import TRUNCATED_IP
from .reports import Report

__all__ = [
    "Block",
    "Comment",
    "Decision",
    "Discussion",
    "Keyword",
    "ModerationReason",
    "Report",
]


# The fields a thread shows (see CommentQuerySet.thread_rows, fragments.py).
THREAD_FIELDS = [
    "pk",
    "parent_id",
    "author_name",
    "author_url",
    "body",
    "body_html",
    "body_html_key",
    "submitted_at",
    "edited_at",
    "is_removed",
    "by_newsroom",
    "recommend_count",
    "featured",
    "author_email",  # never shown: only its keyed hash draws the avatar
]


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def of(self, discussion):
        """The comments of a discussion (none for one not saved yet)."""
        if discussion.pk is None:
            return self.none()
        return self.filter(discussion=discussion)

    def for_thread(self, discussion):
        """The approved comments of a discussion's thread, oldest first."""
        return (
            self.approved()
            .of(discussion)
            .defer("author_email", "ip_address", "user_agent")
            .order_by("submitted_at", "pk")
        )

    def thread_rows(self, discussion):
        """What the thread shows of each comment, as light named tuples.

        Cheaper than model instances by half the thread's rendering time.
        """
        return self.for_thread(discussion).values_list(*THREAD_FIELDS, named=True)

    def public(self):
        """Approved comments of public discussions: what readers can reach."""
        return self.approved().filter(discussion__in=Discussion.objects.public())

    def reported(self):
        """Public or pending comments with reports no editor has dismissed."""
        # Driven by the few open reports, not by every comment: IN, not EXISTS.
        return self.filter(
            status__in=[Comment.Status.APPROVED, Comment.Status.PENDING],
            pk__in=Report.objects.open().values("comment_id"),
        )

    def outcomes(self):
        """How many of these comments have each status: {status: count}."""
        # COUNT(*), not COUNT(id): PostgreSQL can then answer from the status
        # index alone instead of reading every row.
        return dict(self.order_by().values_list("status").annotate(count=Count("*")))

    def others_by(self, comment, field):
        """The other comments that share this one's email (any case) or IP."""
        value = getattr(comment, field)
        if not value:
            return self.none()
        others = self.exclude(pk=comment.pk)
        if field == "author_email":
            return others.with_email(value)
        return others.filter(**{field: value})

    def parents_of(self, discussion):
        """Each approved comment of a discussion mapped to its parent's id."""
        return dict(
            self.approved().filter(discussion=discussion).values_list("pk", "parent_id")
        )

    def awaiting_reader(self, discussion, ids):
        """The comments a reader posted that await a decision (by signed ids).

        Spam is shown to its author as pending too: a bot learns nothing.
        """
        return (
            self.of(discussion)
            .filter(
                pk__in=ids,
                status__in=[Comment.Status.PENDING, Comment.Status.SPAM],
            )
            .order_by("pk")
        )

    def by_email(self, email):
        """Every comment made with an email address, whatever its case."""
        if not email.strip():
            return self.none()
        return self.with_email(email.strip())

    def with_email(self, email):
        """By the indexed lower-case email (iexact could use no index)."""
        return self.alias(email_key=Lower("author_email")).filter(
            email_key=email.lower()
        )

    def untrimmed(self, before):
        """Comments older than `before` still holding a raw IP or a user agent."""
        raw_ip = Q(ip_address__isnull=False) & ~Q(ip_address__regex=TRUNCATED_IP)
        return self.filter(submitted_at__lt=before).filter(~Q(user_agent="") | raw_ip)


class Comment(models.Model):
    Status = moderation.Status

    discussion = models.ForeignKey(
        Discussion,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("discussion"),
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
    # The text rendered once (see markup.py), and what it was rendered from.
    body_html = models.TextField(_("comment as HTML"), blank=True, editable=False)
    body_html_key = models.CharField(max_length=40, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited by its author"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    notify_replies = models.BooleanField(
        _("notify of follow-up comments"),
        default=False,
        help_text=_("Email the author when this comment is approved or answered."),
    )
    is_removed = models.BooleanField(
        _("text deleted"),
        default=False,
        help_text=_(
            "The text was deleted at the commenter's request; the comment stays "
            "as a placeholder so that its replies still read as a thread."
        ),
    )
    # An editor's reply, published at once under the editor's display name.
    by_newsroom = models.BooleanField(_("written by the newsroom"), default=False)
    # How many readers recommended it (one Recommendation row each).
    recommend_count = models.PositiveIntegerField(_("recommendations"), default=0)
    featured = models.BooleanField(
        _("editors' pick"),
        default=False,
        help_text=_("Shown first under the article, with a badge."),
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
            models.Index(
                fields=["discussion", "status", "submitted_at"], name="comment_thread"
            ),
            models.Index(fields=["status", "-submitted_at"]),
            # The desk's comments per day, and the "All" tab's newest first.
            models.Index(fields=["submitted_at"], name="comment_submitted_at"),
            # Personal-data export and erasure, and checks by email or address.
            models.Index(Lower("author_email"), name="comment_email_lower"),
            models.Index(fields=["ip_address"], name="comment_ip_address"),
        ]

    def __str__(self):
        return _("Comment %(pk)s by %(name)s") % {
            "pk": self.pk,
            "name": self.author_name,
        }

    def get_absolute_url(self):
        return f"{self.discussion.get_absolute_url()}#comment-{self.pk}"

    @property
    def edit_until(self):
        """Until when its author may still edit or delete it."""
        return self.submitted_at + timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)

    def render_body(self):
        """Store the safe HTML of the text (call it whenever the text changes)."""
        self.body_html = markup.render(self.body)
        self.body_html_key = markup.key(self.body)


class Recommendation(models.Model):
    """One reader's "Recommend" of a comment: one per browser, a few per address.

    Both are kept only as keyed hashes: the browser's signed random id and
    the address it came from.
    """

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="recommendations"
    )
    browser = models.CharField(max_length=64)
    address = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "browser"], name="one_recommend_per_browser"
            )
        ]
        indexes = [models.Index(fields=["comment", "address"])]

    def __str__(self):
        return _("Recommendation of comment %(pk)s") % {"pk": self.comment_id}


class ModerationReason(models.Model):
    """Why the policy decided what it did about a comment."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reasons"
    )
    code = models.CharField(_("rule"), max_length=20, choices=moderation.Code)
    field = models.CharField(_("field"), max_length=20, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("moderation reason")
        verbose_name_plural = _("moderation reasons")
        indexes = [models.Index(fields=["code", "comment"])]

    def __str__(self):
        return moderation.describe(self.code, self.field, self.detail)


class KeywordQuerySet(models.QuerySet):
    def terms(self, kind):
        return tuple(self.filter(kind=kind).values_list("term", flat=True))

    def terms_by_kind(self):
        """{kind: (term, ...)} for every kind, from one query."""
        terms = {kind: [] for kind in Keyword.Kind.values}
        for kind, term in self.values_list("kind", "term"):
            terms[kind].append(term)
        return {kind: tuple(found) for kind, found in terms.items()}


class Keyword(models.Model):
    """A word, name, URL, email or IP address that holds or rejects comments."""

    class Kind(models.TextChoices):
        MODERATE = "moderate", _("Hold for moderation")
        DISALLOW = "disallow", _("Send to spam")

    kind = models.CharField(_("what it does"), max_length=10, choices=Kind)
    term = models.CharField(
        _("word, name, URL, email or IP address"),
        max_length=200,
        help_text=_(
            "Matched without regard to case in the name, email, website, text, "
            "IP address and user agent; a plain word matches whole words only."
        ),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = KeywordQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "term"]
        verbose_name = _("moderation word")
        verbose_name_plural = _("moderation words")
        constraints = [
            models.UniqueConstraint(fields=["kind", "term"], name="unique_keyword")
        ]

    def __str__(self):
        return self.term


class EditorProfile(models.Model):
    """What an editor shows readers: the name that signs newsroom replies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="editor_profile",
    )
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        help_text=_(
            "Signs your replies as the newsroom, e.g. “Mira Sokolova, science "
            "desk”. Readers never see your login name."
        ),
    )

    class Meta:
        verbose_name = _("editor's profile")
        verbose_name_plural = _("editors' profiles")

    def __str__(self):
        return self.display_name


class NotificationAddressQuerySet(models.QuerySet):
    def confirmed(self):
        return self.exclude(confirmed_at=None)


class NotificationAddress(models.Model):
    """An address a reader asked to get follow-up emails at.

    Nothing but the confirmation is sent to it until someone who reads its
    mail opened the confirmation link and pressed the button.
    """

    email = models.EmailField(_("email"), max_length=100, unique=True)
    asked_at = models.DateTimeField(_("confirmation last sent"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = NotificationAddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification address")
        verbose_name_plural = _("notification addresses")

    def __str__(self):
        return self.email


class PageVersion(models.Model):
    """What says whether a cached copy of a discussion's pages is current.

    The truth every process and server shares: a new token is written in the
    same transaction as any change readers can see (a comment approved,
    edited or withdrawn, the host page edited). Caches hold only copies.
    """

    discussion = models.OneToOneField(
        Discussion,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="page_version",
    )
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("page version")
        verbose_name_plural = _("page versions")

    def __str__(self):
        return f"{self.discussion_id}:{self.token}"


class Attempts(models.Model):
    """How much of one budget one network has spent in the current window.

    The key is a keyed hash of the budget's name and the network, so the
    table tells nobody which addresses came; `comments.budgets` counts.
    """

    key = models.CharField(max_length=64, primary_key=True)
    window_start = models.BigIntegerField()
    spent = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("attempt count")
        verbose_name_plural = _("attempt counts")

    def __str__(self):
        return f"{self.key[:12]}…: {self.spent}"


class BudgetRefusal(models.Model):
    """How many requests one budget refused on one day (for the desk)."""

    day = models.DateField()
    budget = models.CharField(max_length=20)
    refused = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("budget refusal count")
        verbose_name_plural = _("budget refusal counts")
        constraints = [
            models.UniqueConstraint(fields=["day", "budget"], name="unique_refusal")
        ]

    def __str__(self):
        return f"{self.day} {self.budget}: {self.refused}"
