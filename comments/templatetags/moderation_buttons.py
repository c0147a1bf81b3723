"""The one-click decision buttons, for the comment's page and the email's page."""

from django import template

from comments.admin_views import decision_buttons

register = template.Library()


@register.simple_tag
def decisions(comment):
    """The status and the one-click buttons, as the queue's rows show them."""
    return decision_buttons(comment)
