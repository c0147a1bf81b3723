"""A reader's comment posted to a discussion: validate, store, redirect.

Any page that shows a comments section takes the POST here (through
hosts.CommentsPageMixin, or the discussion's own page); a rejected post is
handed back to `render(form, status, notice)`, the page that showed the form,
so that the reader stays there with their text.
"""

from functools import wraps

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import budgets
from .cookies import (
    forget_commenter,
    remember_commenter,
    remember_own,
    remember_pending,
)
from .forms import CommentForm
from .http import DATABASE_UNAVAILABLE, client_ip, database_unavailable
from .models import Comment
from .services import Refused, comment_submit


def draft_kept_when_database_unavailable(view):
    """A busy or unreachable database: 503, and the reader's text handed back
    in a form that asks for a new sum when posted again."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DATABASE_UNAVAILABLE as error:
            context = {"draft": request.POST, "action": request.path}
            return database_unavailable(
                request, error, "comments/unavailable.html", context
            )

    return wrapper


def post_comment(request, discussion, render_form):
    """The POST of the comment form, for a saved discussion.

    The page with the form is the same for every reader, so it carries no
    CSRF token: its script fetches one (see views.challenge). Without
    JavaScript the first post arrives without it; nothing is stored then, and
    the reader gets the form back, text kept, with a token and a sum. The
    check itself is Django's, so views taking this POST are csrf_exempt.
    """
    if discussion.is_closed:
        return render(
            request,
            "comments/refused.html",
            {"discussion": discussion, "message": _("Comments are closed.")},
            status=403,
        )
    form = CommentForm(request.POST, discussion=discussion)
    try:
        return submit(request, discussion, form, render_form)
    except budgets.Exhausted as exhausted:
        # The text is kept; no new sum is made for a network past its budget.
        draft = form.draft(lazy=True)
        page = render_form(draft, 429, exhausted.message())
        return retry_later(page, exhausted)


def retry_later(response, exhausted):
    response["Retry-After"] = str(exhausted.retry_after)
    return response


def submit(request, discussion, form, render_form):
    """Validate the form and store the comment; every attempt spends budgets."""
    ip_address = client_ip(request)
    if "new_challenge" in request.POST:
        budgets.spend("challenge", ip_address)
        return render_form(form.draft(), 200, "")
    if csrf_rejected(request):
        notice = _("Solve the sum below to post your comment.")
        return render_form(form.draft(), 403, notice)
    # Without the proof of work (no JavaScript) a post spends the tighter budget.
    budgets.spend("post" if request.POST.get("proof") else "plain_post", ip_address)
    if not form.is_valid():
        if form.has_error("captcha", "invalid"):
            budgets.spend("wrong_answer", ip_address)
        form.restamp()
        return render_form(form, 400, "")
    try:
        comment = comment_submit(
            discussion=discussion,
            data=form.comment_data(),
            ip_address=ip_address,
            user_agent=request.headers.get("User-Agent", ""),
            honeypot=form.cleaned_data["homepage"],
        )
    except Refused as refusal:
        form.add_error(None, str(refusal))
        return render_form(form, refusal.status, "")
    return posted(request, comment, form.cleaned_data)


def posted(request, comment, data):
    """Send the reader back to the page, to their comment (POST/redirect/GET)."""
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, _("Your comment is published."))
        response = redirect("comments:permalink", pk=comment.pk)
    else:
        messages.success(request, _("Your comment is awaiting moderation."))
        url = comment.discussion.get_comment_page_url(1)
        response = redirect(f"{url}#comment-{comment.pk}")
        remember_pending(request, response, comment)
    remember_own(request, response, comment)
    if data["remember"]:
        remember_commenter(response, data)
    else:
        forget_commenter(response)
    return response


def csrf_rejected(request):
    return (
        CsrfViewMiddleware(HttpResponse).process_view(request, None, (), {}) is not None
    )
