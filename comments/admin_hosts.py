"""The host side of the admin: a host model's admin edits its discussion
(open or closed, the closing date) inline and lists its comment counts."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericStackedInline
from django.utils.translation import gettext_lazy as _

from .hosts import comments_of_host, counted, host_changed, host_deleted
from .models import Discussion


class DiscussionInline(GenericStackedInline):
    model = Discussion
    fields = ["comments_open", "closes_at"]
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name_plural = _("comments")


class HostAdminMixin:
    """For a host model's ModelAdmin: the discussion inline, the approved and
    pending counts (`approved_comments`, `pending_comments` for
    list_display), and page changes on every save and deletion."""

    inlines = [DiscussionInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        comments = comments_of_host(queryset.model)
        return queryset.annotate(
            approved_count=counted(comments.approved()),
            pending_count=counted(comments.pending()),
        )

    @admin.display(description=_("approved comments"), ordering="approved_count")
    def approved_comments(self, obj):
        return obj.approved_count

    @admin.display(description=_("pending comments"), ordering="pending_count")
    def pending_comments(self, obj):
        return obj.pending_count

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        host_changed(form.instance)

    def delete_model(self, request, obj):
        host_deleted(type(obj).objects.filter(pk=obj.pk))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        host_deleted(queryset)
        super().delete_queryset(request, queryset)
