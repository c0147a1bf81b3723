"""The email queue in the admin: what was sent, what waits, what failed and why."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus

from .models import QueuedEmail

STATES = {
    TaskResultStatus.READY: _("waiting"),
    TaskResultStatus.RUNNING: _("sending"),
    TaskResultStatus.SUCCESSFUL: _("sent"),
    TaskResultStatus.FAILED: _("failed; tried again later"),
}


@admin.register(QueuedEmail)
class QueuedEmailAdmin(admin.ModelAdmin):
    list_display = ["enqueued_at", "recipients", "subject", "attempt", "state", "error"]
    list_filter = ["status"]
    date_hierarchy = "enqueued_at"
    fields = [
        "recipients",
        "subject",
        "body",
        "state",
        "attempt",
        "enqueued_at",
        "run_after",
        "finished_at",
        "error",
    ]
    readonly_fields = fields

    @admin.display(description=_("state"))
    def state(self, email):
        return _("gave up") if email.gave_up else STATES[email.status]

    @admin.display(description=_("body"))
    def body(self, email):
        return email.message["body"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
