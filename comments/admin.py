"""The moderation queue: the Comment admin, pending comments first."""

from functools import partial

from django.contrib import admin, messages
from django.db import models
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from . import admin_views, moderation
from .admin_privacy import PersonalDataAdminMixin, privacy_actions
from .admin_views import DECISIONS, DONE, decision_buttons
from .caching import pages_changed
from .editors import signature
from .models import Comment, Keyword, ModerationReason
from .overview import status_counts
from .services import comment_moderate

BIGGEST_ID = 2**63 - 1  # what a 64-bit id column holds

Status = Comment.Status


class StatusFilter(admin.SimpleListFilter):
    """Status tabs with counts; the queue opens on Pending."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        counts = status_counts(request)
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


def moderation_action(name, status, description):
    """An admin action that moves the selected comments to one status."""

    @admin.action(permissions=["moderate"], description=description)
    def action(modeladmin, request, queryset):
        count = comment_moderate(comments=queryset, status=status, user=request.user)
        modeladmin.message_user(request, DONE[status] % {"count": count})

    action.__name__ = name
    return action


@admin.register(Comment)
class CommentAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["excerpt", "author", "posted", "why", "status"]
    list_display_links = ["excerpt"]
    list_filter = [StatusFilter, ReasonFilter, "article"]
    list_select_related = ["article"]
    date_hierarchy = "submitted_at"
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
        *privacy_actions,
    ]
    fields = [
        "article",
        "status",
        "author_name",
        "author_email",
        "author_url",
        "body",
        "is_removed",
        "why",
        "thread",
        "record",
        "submitted_at",
        "ip_address",
        "user_agent",
        "by_newsroom",
    ]
    readonly_fields = [
        "article",
        "is_removed",
        "submitted_at",
        "ip_address",
        "user_agent",
        "by_newsroom",
        "why",
        "thread",
        "record",
    ]

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(partial(function, model_admin=self))

        return [
            path("desk/", view(admin_views.desk), name="comments_desk"),
            path(
                "signature/",
                view(admin_views.signature_page),
                name="comments_signature",
            ),
            path(
                "<int:pk>/decide/",
                view(admin_views.decide),
                name="comments_comment_decide",
            ),
            path(
                "<int:pk>/reply/",
                view(admin_views.reply),
                name="comments_comment_reply",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("reasons")

    def get_list_display(self, request):
        """Moderators get the one-click buttons where the status is shown."""
        if self.has_moderate_permission(request):
            return [*self.list_display[:-1], "decide"]
        return self.list_display

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "decisions": DECISIONS,
            "can_moderate": self.has_moderate_permission(request),
            "signature": signature(request.user),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def response_action(self, request, queryset):
        selected = request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME)
        if not all(is_row_id(value) for value in selected):
            self.message_user(
                request, _("Those are not comments one can select."), messages.ERROR
            )
            return None
        return super().response_action(request, queryset)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return fields if self.has_moderate_permission(request) else [*fields, "status"]

    def save_model(self, request, obj, form, change):
        """Edits go straight in; a new status is a decision, made by the
        moderation service like every other, with its history and emails."""
        status = obj.status
        if "status" in form.changed_data:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if obj.status != status:
            comment_moderate(
                comments=Comment.objects.filter(pk=obj.pk),
                status=status,
                user=request.user,
            )
        elif form.changed_data and obj.status == Status.APPROVED:
            pages_changed([obj.article_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        pages_changed([obj.article_id])

    def delete_queryset(self, request, queryset):
        # Replies go with their parent: any deletion may change a page.
        articles = set(queryset.values_list("article_id", flat=True))
        super().delete_queryset(request, queryset)
        pages_changed(articles)

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def action_checkbox(self, comment):
        """Django's row checkbox, without a trip through the form templates per
        row (it was a fifth of the queue's time)."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="{}">',
            admin.helpers.ACTION_CHECKBOX_NAME,
            comment.pk,
            format_html(_("Select this object for an action - {}"), str(comment)),
        )

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        if comment.is_removed:
            return _("This comment was deleted.")
        return Truncator(comment.body).chars(90)

    @admin.display(description=_("author"), ordering="author_name")
    def author(self, comment):
        return format_html(
            "<strong>{}</strong><br>{}<br>{}",
            comment.author_name,
            comment.author_email,
            comment.ip_address or "",
        )

    @admin.display(description=_("posted"), ordering="submitted_at")
    def posted(self, comment):
        submitted = localtime(comment.submitted_at)
        return format_html(
            '<time datetime="{}">{}</time><div class="desk-quiet">{}</div>',
            submitted.isoformat(),
            date_format(submitted, "DATETIME_FORMAT"),
            _("on “%(title)s”") % {"title": comment.article.title},
        )

    @admin.display(description=_("why"))
    def why(self, comment):
        return format_html_join(
            "", "<div>{}</div>", ((reason,) for reason in comment.reasons.all())
        )

    @admin.display(description=_("status"))
    def decide(self, comment):
        """The status, and a button for each other decision (one click, POST).

        The buttons submit the changelist's own form (its CSRF token and the
        page to come back to) to the decide view, so no form is nested.
        """
        return decision_buttons(
            comment, reverse("admin:comments_comment_decide", args=[comment.pk])
        )

    @admin.display(description=_("the conversation"))
    def thread(self, comment):
        return render_to_string(
            "admin/comments/comment/_thread.html",
            {
                "parent": comment.parent,
                "replies": comment.replies.select_related(None).order_by(
                    "submitted_at", "pk"
                ),
            },
        )

    @admin.display(description=_("the author's other comments"))
    def record(self, comment):
        records = []
        for field, label in [
            ("author_email", _("Same email")),
            ("ip_address", _("Same IP address")),
        ]:
            others = Comment.objects.others_by(comment, field)
            outcomes = others.outcomes()
            records.append(
                {
                    "label": label,
                    "value": getattr(comment, field),
                    "outcomes": [
                        (name, outcomes[value])
                        for value, name in Status.choices
                        if value in outcomes
                    ],
                    "latest": others.order_by("-submitted_at")[:5],
                }
            )
        return render_to_string(
            "admin/comments/comment/_record.html", {"records": records}
        )


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    list_display = ["term", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["term"]


def is_row_id(value):
    return value.isascii() and value.isdigit() and int(value) <= BIGGEST_ID
