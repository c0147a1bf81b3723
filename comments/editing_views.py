"""The author's edit and delete pages (plain forms: they work without JS)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .cookies import own_ids, remember_pending
from .editing import comment_edit, comment_withdraw, may_edit
from .forms import CommentEditForm
from .models import Comment


def editable_comment(request, pk):
    """The comment, if this browser may still change it; else None."""
    comment = get_object_or_404(
        Comment.objects.select_related("discussion").exclude(
            status=Comment.Status.TRASH
        ),
        pk=pk,
    )
    return comment if may_edit(comment, own_ids(request)) else None


def too_late(request):
    context = {
        "message": _("This comment can no longer be changed from this browser."),
        "edit_minutes": settings.COMMENTS_EDIT_MINUTES,
    }
    return render(request, "comments/edit_closed.html", context, status=403)


@never_cache
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    comment = editable_comment(request, pk)
    if comment is None:
        return too_late(request)
    form = CommentEditForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        comment = comment_edit(comment=comment, body=form.cleaned_data["body"])
        return edited(request, comment)
    status = 400 if form.errors else 200
    context = {"comment": comment, "discussion": comment.discussion, "form": form}
    return render(request, "comments/edit.html", context, status=status)


def edited(request, comment):
    url = f"{comment.discussion.get_absolute_url()}#comment-{comment.pk}"
    response = redirect(url)
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, _("Your comment was changed."))
    else:
        messages.success(
            request, _("Your comment was changed and is awaiting moderation.")
        )
        remember_pending(request, response, comment)
    return response


@require_POST
def delete(request, pk):
    comment = editable_comment(request, pk)
    if comment is None:
        return too_late(request)
    comment_withdraw(comment=comment)
    messages.success(request, _("Your comment was deleted."))
    return redirect(f"{comment.discussion.get_absolute_url()}#comments")
