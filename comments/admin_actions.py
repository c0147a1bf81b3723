"""The queue's bulk actions: decisions (with Undo), picks, reports."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from . import admin_views
from .ledger import Source
from .reporting import reports_dismiss
from .services import comments_feature

FEATURED = {
    True: ngettext_lazy(
        "%(count)d comment featured as an editors' pick.",
        "%(count)d comments featured as editors' picks.",
        "count",
    ),
    False: ngettext_lazy(
        "%(count)d comment no longer featured.",
        "%(count)d comments no longer featured.",
        "count",
    ),
}


def moderator_action(name, description):
    """Make a function a bulk action for moderators, under `name`."""

    def register(function):
        function.__name__ = name
        return admin.action(permissions=["moderate"], description=description)(function)

    return register


def moderation_action(name, status, description):
    """Move the selected comments to one status (or restore them)."""

    @moderator_action(name, description)
    def action(modeladmin, request, queryset):
        count, batch = admin_views.moderate(
            comments=queryset, decision=status, user=request.user, source=Source.BULK
        )
        admin_views.decision_made(
            request,
            modeladmin,
            status=status,
            count=count,
            batch=batch,
            back=request.get_full_path(),
        )

    return action


def feature_action(name, featured, description):
    """Mark approved comments as editors' picks, or not."""

    @moderator_action(name, description)
    def action(modeladmin, request, queryset):
        count = comments_feature(comments=queryset, featured=featured)
        modeladmin.message_user(request, FEATURED[featured] % {"count": count})

    return action


@moderator_action("dismiss_reports", _("Dismiss reports"))
def dismiss_reports(modeladmin, request, queryset):
    count = reports_dismiss(comments=queryset)
    modeladmin.message_user(
        request,
        ngettext(
            "Reports dismissed on %(count)d comment.",
            "Reports dismissed on %(count)d comments.",
            count,
        )
        % {"count": count},
    )
