from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from comments.admin_hosts import HostAdminMixin

from .models import Article, Section, Tag


@admin.register(Section, Tag)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(HostAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "published_at",
        "approved_comments",
        "pending_comments",
    ]
    list_filter = ["status", "language"]
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
        "body",
        "preview",
        "excerpt",
        "sections",
        "tags",
    ]

    @admin.display(description=_("preview (as saved)"))
    def preview(self, article):
        return article.body_html if article.body else "—"
