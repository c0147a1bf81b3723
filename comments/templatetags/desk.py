"""The moderation desk in every admin page: the pending badge, the buttons."""

from django import template

from comments.admin_views import decision_buttons
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


@register.simple_tag
def decisions(comment):
    """The status and the one-click buttons, as the queue's rows show them."""
    return decision_buttons(comment)
