from captcha.models import CaptchaStore
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Article
from newsroom.http import client_ip

from .captcha import speak, speaks_language, spoken
from .cookies import (
    forget_commenter,
    remember_commenter,
    remember_own,
    remember_pending,
)
from .forms import CommentForm, stamp
from .models import Comment
from .notifications import comment_from_token
from .sections import comments_section
from .services import Refused, comment_submit
from .threads import Thread


# The article page is the same for every reader, so it carries no CSRF token:
# the page's script fetches one (see `challenge`). Without JavaScript the first
# post arrives without it; nothing is stored then, and the reader gets the form
# back, text kept, with a token and a sum. The check itself is Django's.
@csrf_exempt
@require_POST
def post_comment(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    if article.discussion_closed:
        return render(
            request,
            "comments/refused.html",
            {"article": article, "message": _("Comments are closed.")},
            status=403,
        )
    form = CommentForm(request.POST, article=article)
    if "new_challenge" in request.POST:
        return render_article(request, article, form.draft())
    if csrf_rejected(request):
        notice = _("Solve the sum below to post your comment.")
        return render_article(request, article, form.draft(), 403, notice)
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
    return posted(request, comment, form.cleaned_data)


def posted(request, comment, data):
    """Send the reader back to the article, to their comment (POST/redirect/GET)."""
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, _("Your comment is published."))
        response = redirect("comments:permalink", pk=comment.pk)
    else:
        messages.success(request, _("Your comment is awaiting moderation."))
        response = redirect(
            f"{comment.article.get_absolute_url()}#comment-{comment.pk}"
        )
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


def render_article(request, article, form, status=200, notice=""):
    context = {
        "article": article,
        "form_notice": notice,
        **comments_section(request, article, form),
    }
    return render(request, "articles/article_detail.html", context, status=status)


@never_cache
@require_GET
def challenge(request):
    """What the lazy form lacks: a sum of its own, a CSRF token and the time."""
    if request.headers.get("X-Requested-With") != "XMLHttpRequest":
        raise Http404
    key = CaptchaStore.generate_key()
    audio = speaks_language() and reverse("comments:captcha-audio", args=[key])
    return JsonResponse(
        {
            "key": key,
            "image_url": reverse("captcha-image", args=[key]),
            "audio_url": audio or None,
            "csrf_token": get_token(request),
            "timestamp": stamp(),
        }
    )


def comment_permalink(request, pk):
    """Redirect to the page of the article's thread that holds the comment."""
    comment = get_object_or_404(
        Comment.objects.approved()
        .filter(article__in=Article.objects.published())
        .select_related("article"),
        pk=pk,
    )
    thread = Thread(
        list(
            Comment.objects.for_thread(comment.article).only(
                "pk", "parent_id", "recommend_count"
            )
        ),
        order=settings.COMMENTS_ORDER,
    )
    page = thread.position(comment.pk) // settings.COMMENTS_PER_PAGE + 1
    url = comment.article.get_comment_page_url(page)
    return redirect(f"{url}#comment-{comment.pk}")


@csrf_exempt  # Mail clients post here for one-click unsubscribe (RFC 8058).
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Stop reply emails for one reader on one article, with one click."""
    try:
        comment = comment_from_token(token)
    except (signing.BadSignature, Comment.DoesNotExist):
        return render(request, "comments/unsubscribe_invalid.html", status=400)
    Comment.objects.filter(
        article=comment.article, author_email__iexact=comment.author_email
    ).update(notify_replies=False)
    return render(request, "comments/unsubscribed.html", {"article": comment.article})


def captcha_audio(request, key):
    """The CAPTCHA's sum read aloud, for readers who cannot see the picture."""
    if not settings.CAPTCHA_FLITE_PATH:
        raise Http404
    challenge = (
        CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now())
        .values_list("challenge", flat=True)
        .first()
    )
    if challenge is None:
        # Gone, as the library answers: an expired sum is not to be indexed.
        return HttpResponse(status=410)
    return HttpResponse(speak(spoken(challenge)), content_type="audio/wav")
