from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from comments.caching import pages_changed
from comments.models import Comment

from .models import Article, Section, Tag


@admin.register(Section, Tag)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "published_at",
        "comments_open",
        "approved_comments",
        "pending_comments",
    ]
    list_filter = ["status", "comments_open", "language"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    filter_horizontal = ["sections", "tags"]
    # The body is edited as plain HTML in a textarea; the preview shows the
    # saved body as readers get it, sanitised.
    readonly_fields = ["preview"]
    fields = [
        "title",
        "slug",
        "byline",
        "status",
        "published_at",
        "comments_open",
        "body",
        "preview",
        "excerpt",
        "sections",
        "tags",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                approved_count=Count(
                    "comments", filter=Q(comments__status=Comment.Status.APPROVED)
                ),
                pending_count=Count(
                    "comments", filter=Q(comments__status=Comment.Status.PENDING)
                ),
            )
        )

    @admin.display(description=_("preview (as saved)"))
    def preview(self, article):
        return article.body_html if article.body else "—"

    @admin.display(description=_("approved comments"), ordering="approved_count")
    def approved_comments(self, article):
        return article.approved_count

    @admin.display(description=_("pending comments"), ordering="pending_count")
    def pending_comments(self, article):
        return article.pending_count

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            given_up = [form.initial["slug"]] if "slug" in form.changed_data else []
            pages_changed([obj.pk], slugs=given_up)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        pages_changed([], slugs=[obj.slug])

    def delete_queryset(self, request, queryset):
        slugs = list(queryset.values_list("slug", flat=True))
        super().delete_queryset(request, queryset)
        pages_changed([], slugs=slugs)
