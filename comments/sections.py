"""What the comments section of an article page needs."""

from django.conf import settings
from django.core.paginator import Paginator

from .cookies import pending_ids, remembered_commenter
from .forms import CommentForm
from .models import Comment
from .threads import Thread


def comments_section(request, article, form=None, page_number=1):
    """The thread page, the reader's own pending comments and the form.

    Raises django.core.paginator.InvalidPage for a page that does not exist.
    """
    comments = list(Comment.objects.for_thread(article))
    thread = Thread(comments, newest_first=settings.COMMENTS_NEWEST_FIRST)
    paginator = Paginator(thread.top, settings.COMMENTS_PER_PAGE)
    page = paginator.page(page_number)
    form = form or reply_form(request, article)
    return {
        "comment_count": len(comments),
        "comment_entries": thread.entries(page.object_list),
        "comment_page": page,
        "comment_pages": page_links(article, page),
        "own_pending": own_pending(request, article),
        "form": form,
        "reply_to": replying_to(form, comments),
    }


def reply_form(request, article):
    initial = remembered_commenter(request)
    if initial:
        initial["remember"] = True
    replytocom = request.GET.get("replytocom", "")
    if replytocom.isdigit():
        initial["parent"] = replytocom
    return CommentForm(article=article, initial=initial, lazy_captcha=True)


def replying_to(form, comments):
    """The comment the form answers, if it names a public one."""
    parent = str(form["parent"].value() or "")
    return next((c for c in comments if str(c.pk) == parent), None)


def own_pending(request, article):
    ids = pending_ids(request)
    return list(Comment.objects.awaiting_reader(article, ids)) if ids else []


def page_links(article, page):
    """Numbered links to every page of the thread, and which one is this."""
    return [
        {
            "number": number,
            "url": article.get_comment_page_url(number) + "#comments",
            "current": number == page.number,
        }
        for number in page.paginator.page_range
    ]
