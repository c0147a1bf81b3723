"""What the comments section of a host page needs."""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .caching import version_of
from .cookies import own_ids, pending_ids, remembered_commenter
from .forms import CommentForm
from .fragments import CommentHtml
from .models import Comment
from .threads import ORDERS, Thread


def comments_section(request, discussion, form=None, page_number=1):
    """The thread page, the reader's own pending comments and the form.

    Raises django.core.paginator.InvalidPage for a page that does not exist.
    """
    order = reader_order(request)
    own = own_pending(request, discussion)
    editable = own_ids(request)
    if own or editable:
        # Rendered for this reader alone: their replies sit under their
        # parents, and what they may still edit has an Edit link.
        thread = render_thread(discussion, page_number, order, own, editable)
    else:
        thread = rendered_thread(discussion, page_number, order)
    form = form or reply_form(request, discussion)
    return {
        "comment_count": thread["count"],
        "comment_page_meta": thread["meta"],
        "thread_html": mark_safe(thread["html"]),  # rendered from our own template
        "own_pending": own_pending_html(discussion, thread["unplaced"], editable),
        "form": form,
        "reply_to": replying_to(form, discussion),
    }


def reader_order(request):
    """The order the reader chose (a plain link), or the site's."""
    order = request.GET.get("order", "")
    return order if order in ORDERS else settings.COMMENTS_ORDER


def page_id(request, page_number):
    """What tells cached whole pages of one discussion apart: page and order."""
    order = reader_order(request)
    return f"{page_number}-{order}-{order_epoch(order)}"


def order_epoch(order):
    """For the most-recommended order: which period of its re-sorting this is.

    A recommend changes no cached page; this order is sorted again once per
    COMMENTS_RECOMMENDED_ORDER_SECONDS at most (and after every change).
    """
    if order != "recommended":
        return 0
    return int(time.time()) // max(settings.COMMENTS_RECOMMENDED_ORDER_SECONDS, 1)


def rendered_thread(discussion, page_number, order):
    """One page of the approved thread as HTML, from the cache when it can be."""
    key = ":".join(
        map(
            str,
            [
                "comments:thread",
                version_of(discussion),
                page_number,
                discussion.accepts_comments,
                get_language(),
                settings.COMMENTS_PER_PAGE,
                order,
                order_epoch(order),
                settings.COMMENTS_ORDER,
            ],
        )
    )
    thread = cache.get(key)
    if thread is None:
        thread = render_thread(discussion, page_number, order)
        cache.set(key, thread, settings.COMMENTS_THREAD_CACHE_SECONDS)
    return thread


def render_thread(discussion, page_number, order, own_pending=(), editable=()):
    """One page of the thread; the reader's own pending replies under their
    parents, and Edit links on the comments in `editable` (ids)."""
    comments = list(Comment.objects.thread_rows(discussion))
    thread = Thread(comments, order=order)
    unplaced = thread.add_pending(own_pending)
    page = Paginator(thread.top, settings.COMMENTS_PER_PAGE).page(page_number)
    meta = {
        "number": page.number,
        "url": discussion.get_comment_page_url(page.number),
        "previous_url": neighbour_url(discussion, page, -1),
        "next_url": neighbour_url(discussion, page, +1),
    }
    html = CommentHtml(discussion, editable)  # builds and escapes every comment
    context = {
        "discussion": discussion,
        "comment_count": len(comments),
        "comment_list": mark_safe(html.thread(thread.entries(page.object_list))),
        # Editors' picks stand first, on the thread's first page.
        "picks": mark_safe(html.picks(comments)) if page.number == 1 else "",
        "comment_page": page,
        "comment_pages": page_links(discussion, page, order),
        "comment_orders": order_links(discussion, order),
        "previous_page_url": in_order(meta["previous_url"], order),
        "next_page_url": in_order(meta["next_url"], order),
    }
    return {
        "html": render_to_string("comments/_thread.html", context),
        "count": len(comments),
        "meta": meta,
        "unplaced": unplaced,
    }


def in_order(url, order):
    """A thread page's link that keeps the reader's order (if not the site's)."""
    if not url:
        return ""
    if order != settings.COMMENTS_ORDER:
        url += f"{'&' if '?' in url else '?'}order={order}"
    return f"{url}#comments"


def page_links(discussion, page, order):
    """Numbered links to every page of the thread, and which one is this."""
    return [
        {
            "number": number,
            "url": in_order(discussion.get_comment_page_url(number), order),
            "current": number == page.number,
        }
        for number in page.paginator.page_range
    ]


def order_links(discussion, current):
    """Oldest, Newest, Most recommended: plain links to page 1 in each order."""
    names = {
        "oldest": _("Oldest"),
        "newest": _("Newest"),
        "recommended": _("Most recommended"),
    }
    return [
        {
            "label": names[order],
            "url": in_order(discussion.get_comment_page_url(1), order),
            "current": order == current,
        }
        for order in ORDERS
    ]


def neighbour_url(discussion, page, step):
    number = page.number + step
    if number not in page.paginator.page_range:
        return ""
    return discussion.get_comment_page_url(number)


def reply_form(request, discussion):
    initial = remembered_commenter(request)
    if initial:
        initial["remember"] = True
    replytocom = request.GET.get("replytocom", "")
    if replytocom.isdigit():
        initial["parent"] = replytocom
        if "quote" in request.GET:
            initial["body"] = quoted(discussion, replytocom)
    return CommentForm(discussion=discussion, initial=initial, lazy=True)


def quoted(discussion, pk):
    """A public comment's text as a Markdown quote, to start a reply with."""
    body = (
        Comment.objects.for_thread(discussion)
        .filter(pk=pk, is_removed=False)
        .values_list("body", flat=True)
        .first()
    )
    if body is None:
        return ""
    lines = body.strip().splitlines()
    return "".join(f"> {line}".rstrip() + "\n" for line in lines) + "\n"


def replying_to(form, discussion):
    """The comment the form answers, if it names a public one of this discussion."""
    parent = str(form["parent"].value() or "")
    if not parent.isdigit():
        return None
    return (
        Comment.objects.for_thread(discussion)
        .only("pk", "author_name")
        .filter(pk=parent)
    ).first()


def own_pending_html(discussion, comments, editable):
    """The reader's own pending comments that answer no comment, as a list."""
    if not comments:
        return ""
    html = CommentHtml(discussion, editable)
    items = "".join(html.comment(comment) + "</li>" for comment in comments)
    return mark_safe(f'<ol class="comment-list comment-list-own">{items}</ol>')


def own_pending(request, discussion):
    """The reader's comments awaiting a decision, each marked as such."""
    ids = pending_ids(request)
    comments = list(Comment.objects.awaiting_reader(discussion, ids)) if ids else []
    for comment in comments:
        comment.awaiting = True
    return comments
