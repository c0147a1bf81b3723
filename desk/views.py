"""The editor's desk: the queue at a glance, the last 30 days, who decided what."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from comments.models import Comment

from .figures import overview


def desk(request):
    """The overview (inside the admin site: newsroom/urls.py wraps it)."""
    if not request.user.has_perm("comments.view_comment"):
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "title": _("Moderation desk"),
        "opts": Comment._meta,
        **overview(),
    }
    return TemplateResponse(request, "desk/overview.html", context)
