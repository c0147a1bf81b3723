"""The queue's filters: the status tabs across the top, and why a comment was held."""

from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from . import moderation
from .models import Comment, ModerationReason

Status = Comment.Status
ALL = "all"
REPORTED = "reported"


def reported_count(request):
    """Comments with open reports still in the queue or public, once a request."""
    if not hasattr(request, "comment_reported_count"):
        request.comment_reported_count = Comment.objects.reported().count()
    return request.comment_reported_count


def status_counts(request):
    """Comments per status, counted once a request: the tabs and the badge share it."""
    if not hasattr(request, "comment_status_counts"):
        request.comment_status_counts = Comment.objects.outcomes()
    return request.comment_status_counts


def tabs():
    """[(value, label)] of the tabs, in order."""
    return [
        (Status.PENDING, Status.PENDING.label),
        (REPORTED, _("Reported")),
        *((value, label) for value, label in Status.choices if value != Status.PENDING),
        (ALL, _("All")),
    ]


def tab_counts(request):
    """{tab: count}, counted once a request (the badge shares the figures)."""
    counts = status_counts(request)
    return {
        **counts,
        REPORTED: reported_count(request),
        ALL: sum(counts.values()),
    }


def current_tab(request):
    value = request.GET.get(StatusFilter.parameter_name)
    return value if value in dict(tabs()) else Status.PENDING


def status_tabs(request):
    """The tabs above the queue: label, count, link (the search kept), current."""
    current = current_tab(request)
    counts = tab_counts(request)
    search = {"q": request.GET["q"]} if request.GET.get("q") else {}
    return [
        {
            "label": label,
            "count": counts.get(value, 0),
            "url": "?" + urlencode({"status": value, **search}),
            "current": value == current,
        }
        for value, label in tabs()
    ]


class StatusFilter(admin.SimpleListFilter):
    """Status tabs with counts; the queue opens on Pending."""

    title = _("status")
    parameter_name = "status"
    # Drawn as the tabs above the queue (see status_tabs), not in the sidebar.
    template = "admin/comments/comment/_tabs_filter.html"

    def lookups(self, request, model_admin):
        return tabs()

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
        if self.current() == ALL:
            return queryset
        if self.current() == REPORTED:
            return queryset.reported()
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
