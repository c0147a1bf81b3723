from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import PrivacyRequest
from .services import privacy_request_erase


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "kind",
        "status",
        "requested_at",
        "confirmed_at",
        "done_by",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["email"]
    list_select_related = ["done_by"]
    readonly_fields = [field.name for field in PrivacyRequest._meta.fields]
    actions = ["approve_erasure"]

    def has_add_permission(self, request):
        return False

    def has_erase_permission(self, request):
        return request.user.has_perm("comments.erase_personal_data")

    @admin.action(
        permissions=["erase"], description=_("Approve: erase the personal data")
    )
    def approve_erasure(self, request, queryset):
        awaiting = queryset.filter(
            kind=PrivacyRequest.Kind.ERASURE, status=PrivacyRequest.Status.AWAITING
        )
        done = 0
        for privacy_request in awaiting:
            privacy_request_erase(request=privacy_request, user=request.user)
            done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d confirmed erasure done.",
                "%(count)d confirmed erasures done.",
                done,
            )
            % {"count": done},
            messages.SUCCESS if done else messages.WARNING,
        )
