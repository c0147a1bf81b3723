"""The moderation queue: the Comment admin, pending comments first."""

from functools import partial

from django.contrib import admin, messages
from django.db import models
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import path
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from . import (
    admin_blocks,
    admin_edit,
    admin_keywords,  # noqa: F401 (registers the moderation words admin)
    admin_views,
)
from .admin_actions import dismiss_reports, feature_action, moderation_action
from .admin_filters import ReasonFilter, StatusFilter, status_tabs
from .admin_privacy import PersonalDataAdminMixin, privacy_actions
from .admin_rows import QueueRowsMixin
from .caching import pages_changed
from .editors import signature
from .ledger import Source, arrival
from .models import Block, Comment, Report
from .services import comment_moderate

BIGGEST_ID = 2**63 - 1  # what a 64-bit id column holds

Status = Comment.Status
PARENT_UNUSED = ["body", "author_email", "author_url", "ip_address", "user_agent"]


@admin.register(Comment)
class CommentAdmin(PersonalDataAdminMixin, QueueRowsMixin, admin.ModelAdmin):
    list_display = ["excerpt", "author", "posted", "why", "status"]
    # Each row's text opens with its own "Open" link (the text holds forms).
    list_display_links = None
    # A date filter rather than a date hierarchy: the hierarchy's SELECT
    # DISTINCT over every pending comment was a third of the queue's time.
    list_filter = [
        StatusFilter,
        ReasonFilter,
        ("submitted_at", admin.DateFieldListFilter),
        "discussion",
    ]
    list_select_related = ["discussion", "parent"]
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
        moderation_action(
            "restore", admin_views.RESTORE, _("Not spam / Restore (previous status)")
        ),
        dismiss_reports,
        feature_action("feature", True, _("Feature (editors' pick)")),
        feature_action("unfeature", False, _("Unfeature")),
        *privacy_actions,
    ]
    fields = [
        "discussion",
        "status",
        "author_name",
        "author_email",
        "author_url",
        "body",
        "is_removed",
        "why",
        "decisions",
        "blocks",
        "thread",
        "record",
        "submitted_at",
        "ip_address",
        "user_agent",
        "by_newsroom",
        "featured",
    ]
    readonly_fields = [
        "discussion",
        "is_removed",
        "submitted_at",
        "ip_address",
        "user_agent",
        "by_newsroom",
        "why",
        "decisions",
        "blocks",
        "thread",
        "record",
    ]

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(partial(function, model_admin=self))

        return [
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
            path("undo/", view(admin_views.undo), name="comments_comment_undo"),
            path(
                "<int:pk>/quick-edit/",
                view(admin_edit.quick_edit),
                name="comments_comment_quick_edit",
            ),
            path(
                "<int:pk>/block/",
                view(admin_blocks.block),
                name="comments_comment_block",
            ),
            path(
                "empty/<str:status>/",
                view(admin_views.empty),
                name="comments_comment_empty",
            ),
            path(
                "<int:pk>/reply/",
                view(admin_views.reply),
                name="comments_comment_reply",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # The row names whom a comment answers: the parent's name only.
            .defer(*(f"parent__{name}" for name in PARENT_UNUSED))
            .prefetch_related(
                "reasons",
                Prefetch("reports", Report.objects.open(), to_attr="open_reports"),
            )
        )

    def get_list_display(self, request):
        """Moderators get the one-click buttons where the status is shown."""
        if self.has_moderate_permission(request):
            return [*self.list_display[:-1], "decide"]
        return self.list_display

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "title": _("Comments"),
            # Lazy: a POST (an action) redirects without drawing the tabs.
            "status_tabs": partial(status_tabs, request),
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "reasons": admin_views.REASONS,
            "block_choices": self.block_choices(request, object_id),
            "durations": admin_blocks.DURATIONS,
            "can_moderate": self.has_moderate_permission(request),
            "signature": signature(request.user),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def block_choices(self, request, object_id):
        comment = self.get_object(request, object_id)
        return admin_blocks.block_choices(comment) if comment else []

    def history_view(self, request, object_id, extra_context=None):
        """The comment's history, read from the decision ledger."""
        comment = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "decisions": history(comment) if comment else [],
        }
        return super().history_view(request, object_id, extra_context)

    def save_model(self, request, obj, form, change):
        """Edits go straight in; a new status is a decision, made by the
        moderation service like every other, with its ledger row and emails."""
        status = obj.status
        if "status" in form.changed_data:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if obj.status != status:
            comment_moderate(
                comments=Comment.objects.filter(pk=obj.pk),
                status=status,
                user=request.user,
                source=Source.ADMIN_FORM,
            )
            obj.status = status
        elif form.changed_data and obj.status == Status.APPROVED:
            pages_changed([obj.discussion_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        pages_changed([obj.discussion_id])

    def delete_queryset(self, request, queryset):
        # Replies go with their parent: any deletion may change a page.
        discussions = set(queryset.values_list("discussion_id", flat=True))
        super().delete_queryset(request, queryset)
        pages_changed(discussions)

    def response_action(self, request, queryset):
        selected = request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME)
        if not all(is_row_id(value) for value in selected):
            self.message_user(
                request, _("Those are not comments one can select."), messages.ERROR
            )
            return None
        return super().response_action(request, queryset)

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    @admin.display(description=_("decisions"))
    def decisions(self, comment):
        return format_html_join(
            "", "<div>{} <span class='desk-quiet'>({})</span></div>", history(comment)
        ) or _("No decision recorded.")

    @admin.display(description=_("blocks in force"))
    def blocks(self, comment):
        matching = Block.objects.covering(comment.author_email, comment.ip_address)
        return format_html_join(
            "", "<div>{}</div>", ((block,) for block in matching)
        ) or _("None.")

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


def history(comment):
    """[(what happened, from where)], oldest first: the policy's verdict on
    arrival, then each row of the ledger."""
    decisions = list(
        comment.decisions.select_related("user").order_by("created_at", "pk")
    )
    lines = [(str(row), row.get_source_display()) for row in decisions]
    if first := arrival(comment, decisions):
        lines.insert(0, (first, Source.COMMENT_FORM.label))
    return lines


def is_row_id(value):
    return value.isascii() and value.isdigit() and int(value) <= BIGGEST_ID
