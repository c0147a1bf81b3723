from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article
from newsroom.http import client_ip

from .forms import CommentForm
from .pending import remember_pending
from .services import Refused, comment_submit
from .thread import thread_context


@require_POST
def post_comment(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    if not article.comments_open:
        return render(
            request,
            "comments/refused.html",
            {"article": article, "message": _("Comments are closed.")},
            status=403,
        )
    form = CommentForm(request.POST)
    if "new_challenge" in request.POST:
        return render_article(request, article, form.draft())
    if not form.is_valid():
        form.restamp()
        return render_article(request, article, form, status=400)
    try:
        comment = comment_submit(
            article=article,
            data=form.comment_data(),
            ip_address=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            honeypot=form.cleaned_data["homepage"],
        )
    except Refused as refusal:
        form.add_error(None, str(refusal))
        return render_article(request, article, form, status=refusal.status)
    response = redirect(f"{article.get_absolute_url()}#comment-{comment.pk}")
    if comment.status == comment.Status.APPROVED:
        messages.success(request, _("Your comment is published."))
    else:
        messages.success(request, _("Your comment is awaiting moderation."))
        remember_pending(request, response, comment)
    return response


def render_article(request, article, form, status=200):
    context = {"article": article, **thread_context(request, article, form)}
    return render(request, "articles/article_detail.html", context, status=status)
