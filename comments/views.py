import ipaddress

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article

from .forms import CommentForm
from .pending import remember_pending
from .services import comment_submit
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
        return render_article(request, article, form, status=400)
    comment = comment_submit(
        article=article,
        data=form.comment_data(),
        ip_address=client_ip(request),
        user_agent=request.headers.get("User-Agent", ""),
    )
    messages.success(request, _("Your comment is awaiting moderation."))
    response = redirect(f"{article.get_absolute_url()}#comment-{comment.pk}")
    remember_pending(request, response, comment)
    return response


def render_article(request, article, form, status=200):
    context = {"article": article, **thread_context(request, article, form)}
    return render(request, "articles/article_detail.html", context, status=status)


def client_ip(request):
    """The reader's address, trusting only the configured number of proxies."""
    proxies = settings.NEWSROOM_TRUSTED_PROXIES
    hops = request.headers.get("X-Forwarded-For", "").split(",")
    candidate = hops[-proxies].strip() if proxies and len(hops) >= proxies else ""
    for address in (candidate, request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(address))
        except ValueError:
            continue
    return None
