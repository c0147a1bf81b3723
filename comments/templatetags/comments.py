"""The tags a host template uses: `{% load comments %}`, then
`{% comments_section object %}` for the whole section and
`{% comment_count object %}` for the count.

The object is any model instance with a `get_absolute_url` (or a Discussion).
A host view with hosts.CommentsPageMixin hands the tag the form of a rejected
post (`comments_form`), where the form posts (`comments_post_url`) and which
thread page to show (`comments_page`); without it, the page comes from the
`comment-page` query parameter and the form posts to the discussion's page.
"""

from django import template
from django.template.loader import render_to_string

from comments.hosts import comments_of_host, discussion_of, section_context
from comments.models import Comment, Discussion

register = template.Library()


def section(context, obj):
    """The section's context, worked out once per object and request."""
    discussion = discussion_of(obj)
    found = getattr(discussion, "_comments_section", None)
    if found is None:
        request = context["request"]
        if discussion.pk is None and not context.get("comments_post_url"):
            # A host without the mixin: its form posts to the discussion's page.
            discussion = Discussion.objects.for_object(obj)
            obj._comments_discussion = discussion
        found = section_context(
            request,
            discussion,
            page_number=context.get("comments_page")
            or request.GET.get("comment-page", 1),
            form=context.get("comments_form"),
            notice=context.get("comments_form_notice", ""),
        )
        found["post_url"] = context.get("comments_post_url") or (
            discussion.get_site_url()
        )
        discussion._comments_section = found
    return found


@register.simple_tag(takes_context=True)
def comments_section(context, obj):
    """The count, the thread page, the reader's own pending comments and the
    form (with its CAPTCHA and proof of work), or that comments are closed."""
    return render_to_string(
        "comments/_section.html", section(context, obj), request=context["request"]
    )


@register.simple_tag(takes_context=True)
def comment_page_meta(context, obj):
    """The thread page shown: its number and URL, and its neighbours' URLs
    (for the page's canonical and prev/next links)."""
    return section(context, obj)["comment_page_meta"]


@register.simple_tag
def comment_count(obj):
    """How many approved comments the object's discussion has: as counted
    for a list by hosts.with_comment_counts, or one query."""
    counted = getattr(obj, "comment_count", None)
    if counted is not None:
        return counted
    if isinstance(obj, Discussion):
        return Comment.objects.approved().of(obj).count()
    return comments_of_host(type(obj), obj.pk).approved().count()
