"""The moderation desk's pending-count badge, shown on every admin page."""

from django import template

from comments.models import Comment
from comments.overview import status_counts

register = template.Library()


@register.inclusion_tag("admin/comments/_pending_badge.html", takes_context=True)
def pending_badge(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_staff and user.has_perm("comments.view_comment")):
        return {"shown": False}
    count = status_counts(request).get(Comment.Status.PENDING, 0)
    return {"shown": True, "count": count}
