"""The moderation desk in every admin page: the pending-count badge."""

from django import template

from comments.admin_filters import shown_count, status_counts
from comments.models import Comment

register = template.Library()


@register.inclusion_tag("desk/_pending_badge.html", takes_context=True)
def pending_badge(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_staff and user.has_perm("comments.view_comment")):
        return {"shown": False}
    count, more = shown_count(status_counts(request).get(Comment.Status.PENDING, 0))
    return {"shown": True, "count": count, "more": more}
