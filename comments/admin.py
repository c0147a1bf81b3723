"""The moderation queue: the Comment admin, pending comments first."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Exists, OuterRef
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from . import moderation
from .models import Comment, Keyword, ModerationReason
from .services import comment_moderate

Status = Comment.Status


class StatusFilter(admin.SimpleListFilter):
    """Status tabs with counts; the queue opens on Pending."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        # COUNT(*), not COUNT(id): PostgreSQL can then answer from the status
        # index alone instead of reading every row (SQLite does either way).
        counts = dict(
            Comment.objects.order_by().values_list("status").annotate(count=Count("*"))
        )
        tabs = [(value, label, counts.get(value, 0)) for value, label in Status.choices]
        tabs.append((self.ALL, _("All"), sum(counts.values())))
        return [(value, f"{label} ({count})") for value, label, count in tabs]

    def current(self):
        valid = {value for value, _label in self.lookup_choices}
        return self.value() if self.value() in valid else Status.PENDING

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.current() == value,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: value}
                ),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.current() == self.ALL:
            return queryset
        return queryset.filter(status=self.current())


class ReasonFilter(admin.SimpleListFilter):
    """Which rule decided: the reasons the policy recorded."""

    title = _("held because")
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return moderation.Code.choices

    def queryset(self, request, queryset):
        if self.value() not in moderation.Code.values:
            return queryset
        return queryset.filter(
            Exists(
                ModerationReason.objects.filter(
                    comment=OuterRef("pk"), code=self.value()
                )
            )
        )


DONE = {
    Status.APPROVED: ngettext_lazy(
        "%(count)d comment approved.", "%(count)d comments approved.", "count"
    ),
    Status.PENDING: ngettext_lazy(
        "%(count)d comment moved back to pending.",
        "%(count)d comments moved back to pending.",
        "count",
    ),
    Status.SPAM: ngettext_lazy(
        "%(count)d comment marked as spam.",
        "%(count)d comments marked as spam.",
        "count",
    ),
    Status.TRASH: ngettext_lazy(
        "%(count)d comment moved to the trash.",
        "%(count)d comments moved to the trash.",
        "count",
    ),
}


def moderation_action(name, status, description):
    """An admin action that moves the selected comments to one status."""

    @admin.action(permissions=["moderate"], description=description)
    def action(modeladmin, request, queryset):
        count = comment_moderate(comments=queryset, status=status, user=request.user)
        modeladmin.message_user(request, DONE[status] % {"count": count})

    action.__name__ = name
    return action


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "author", "article", "submitted_at", "status", "why"]
    list_display_links = ["excerpt"]
    # Dates as a filter (today, past 7 days, this month, this year), not a
    # date_hierarchy: the hierarchy costs two queries per view and reads the
    # date of every comment in the tab (on SQLite through a Python function
    # per row), which made a 100,000-comment queue slow (see bench/).
    list_filter = [
        StatusFilter,
        ReasonFilter,
        ("submitted_at", admin.DateFieldListFilter),
        "article",
    ]
    list_select_related = ["article"]
    search_fields = ["body", "author_name", "author_email", "ip_address"]
    ordering = ["-submitted_at"]
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # The status tabs already count every comment; skip a second full count.
    show_full_result_count = False
    actions = [
        moderation_action("approve", Status.APPROVED, _("Approve")),
        moderation_action(
            "unapprove", Status.PENDING, _("Unapprove (back to pending)")
        ),
        moderation_action("mark_spam", Status.SPAM, _("Mark as spam")),
        moderation_action("trash", Status.TRASH, _("Move to trash")),
    ]
    fields = [
        "article",
        "parent",
        "status",
        "author_name",
        "author_email",
        "author_url",
        "body",
        "submitted_at",
        "ip_address",
        "user_agent",
        "why",
    ]
    readonly_fields = [
        "article",
        "parent",
        "submitted_at",
        "ip_address",
        "user_agent",
        "why",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("reasons")

    def response_action(self, request, queryset):
        selected = request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME)
        if not all(value.isdigit() for value in selected):
            self.message_user(
                request, _("Those are not comments one can select."), messages.ERROR
            )
            return None
        return super().response_action(request, queryset)

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return Truncator(comment.body).chars(120)

    @admin.display(description=_("author"), ordering="author_name")
    def author(self, comment):
        return format_html(
            "<strong>{}</strong><br>{}<br>{}",
            comment.author_name,
            comment.author_email,
            comment.ip_address or "",
        )

    @admin.display(description=_("why"))
    def why(self, comment):
        return format_html_join(
            "", "<div>{}</div>", ((reason,) for reason in comment.reasons.all())
        )


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    list_display = ["term", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["term"]
