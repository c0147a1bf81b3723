"""The queue's filters: the status tabs across the top, why a comment was
held, and the discussion; and the count the pages are numbered from."""

from functools import cached_property
from urllib.parse import urlencode

from django.contrib import admin
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext_lazy as _

from . import moderation
from .models import Comment, Discussion, ModerationReason

Status = Comment.Status
ALL = "all"
REPORTED = "reported"


def reported_count(request):
    """Comments with open reports still in the queue or public, once a request."""
    if not hasattr(request, "comment_reported_count"):
        request.comment_reported_count = Comment.objects.reported().count()
    return request.comment_reported_count


# Each tab counts up to this many comments, then shows "10000+": counting
# every comment of a large table was the queue's dearest query.
TAB_COUNT_LIMIT = 10_000


def status_counts(request):
    """Comments per status, counted once a request (the tabs and the badge
    share it), up to TAB_COUNT_LIMIT + 1: more than the limit."""
    if not hasattr(request, "comment_status_counts"):
        request.comment_status_counts = Comment.objects.outcomes_up_to(
            TAB_COUNT_LIMIT + 1
        )
    return request.comment_status_counts


def shown_count(count):
    """(the count to show, whether there are more)"""
    return min(count, TAB_COUNT_LIMIT), count > TAB_COUNT_LIMIT


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
    shown = []
    for value, label in tabs():
        count, more = shown_count(counts.get(value, 0))
        shown.append(
            {
                "label": label,
                "count": count,
                "more": more,
                "url": "?" + urlencode({"status": value, **search}),
                "current": value == current,
            }
        )
    return shown


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


class DiscussionFilter(admin.SimpleListFilter):
    """The discussion: the chosen one and the latest few, not every one."""

    title = _("discussion")
    parameter_name = "discussion__id__exact"
    LATEST = 10

    def lookups(self, request, model_admin):
        newest_first = F("published_at").desc(nulls_last=True), "-pk"
        latest = Discussion.objects.order_by(*newest_first)[: self.LATEST]
        discussions = list(latest.values_list("pk", "title"))
        chosen = self.chosen()
        if chosen and chosen not in {pk for pk, _title in discussions}:
            chosen_one = Discussion.objects.filter(pk=chosen).values_list("pk", "title")
            discussions[:0] = chosen_one
        return [(str(pk), title) for pk, title in discussions]

    def chosen(self):
        value = self.value() or ""
        return int(value) if value.isascii() and value.isdigit() else None

    def queryset(self, request, queryset):
        chosen = self.chosen()
        return queryset if chosen is None else queryset.filter(discussion_id=chosen)


# A search or a filter is counted up to this many rows (ten pages): a
# frequent word's count stops there, however many comments there are.
COUNT_LIMIT = 500
# What the queue's address may hold and still show a whole tab.
TAB_ONLY = {StatusFilter.parameter_name, "p", "o"}


class QueuePaginator(Paginator):
    """Pages of the queue, counted once. A whole tab's count is the tab's
    own; a search or a filter is counted up to COUNT_LIMIT rows (`capped`
    when there are more): a frequent term stops the count early, where a
    plain COUNT read every comment."""

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    @property
    def count(self):
        return self.counted[0]

    @property
    def capped(self):
        return self.counted[1]

    @cached_property
    def counted(self):
        """(count, whether there are more)"""
        if self.whole_tab():
            tab = current_tab(self.request)
            return shown_count(tab_counts(self.request).get(tab, 0))
        found = self.object_list.order_by()[: COUNT_LIMIT + 1].count()
        return min(found, COUNT_LIMIT), found > COUNT_LIMIT

    def whole_tab(self):
        """A tab, neither searched nor filtered, drawn with its tabs (a POST,
        an action, redirects without counting them)."""
        query = self.request.GET.items()
        return self.request.method == "GET" and all(
            key in TAB_ONLY for key, value in query if value
        )
