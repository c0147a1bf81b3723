"""Recommend a comment: a plain form without JavaScript, JSON with it."""

from django.contrib import messages
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .fragments import count_label
from .http import client_ip
from .markup import current_html
from .models import Comment, Discussion
from .recommending import (
    browser_id,
    comment_recommend,
    new_browser_id,
    recommend_counts,
    remember_browser,
)


def is_script(request):
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


@never_cache
@require_http_methods(["GET", "POST"])
def recommend(request, pk):
    comment = get_object_or_404(
        Comment.objects.public().select_related("discussion"), pk=pk
    )
    if request.method == "GET":
        if is_script(request):
            return JsonResponse({"csrf_token": get_token(request)})
        context = {"comment": comment, "comment_html": current_html(comment)}
        return render(request, "comments/recommend.html", context)
    browser = browser_id(request) or new_browser_id()
    counted = comment_recommend(
        comment=comment, browser=browser, address=client_ip(request)
    )
    comment.refresh_from_db(fields=["recommend_count"])
    response = answer(request, comment, counted)
    remember_browser(response, browser)
    return response


def answer(request, comment, counted):
    if is_script(request):
        count = comment.recommend_count
        return JsonResponse(
            {"counted": counted, "count": count, "label": count_label(count)}
        )
    if counted:
        messages.success(request, _("Thank you: you recommended this comment."))
    else:
        messages.info(request, _("This comment was already recommended from here."))
    return redirect("comments:permalink", pk=comment.pk)


@require_GET
def counts(request, pk):
    """The current recommends of a discussion's comments, for the page's script."""
    discussion = get_object_or_404(Discussion.objects.public(), pk=pk)
    response = JsonResponse(
        {
            str(pk): {"count": count, "label": count_label(count)}
            for pk, count in recommend_counts(discussion).items()
        }
    )
    patch_cache_control(response, public=True, max_age=30)
    patch_vary_headers(response, ["Accept-Language"])
    return response
