"""The embed's views: the loader script, the frame and the counts.

Origins, framing and cookies are comments/embed.py's; these views only
check what is asked for and answer it.
"""

from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .discussions import normalised_url
from .embed import is_allowed, normalise_origin
from .models import Comment, Discussion

# How many pages one request for counts may name, and how long a URL may be.
MAX_URLS = 50
MAX_URL_LENGTH = 500
LOADER_MAX_AGE = 300
COUNTS_MAX_AGE = 60


@require_GET
def loader(request):
    """The script a host page loads: the same for every page and reader."""
    response = render(
        request,
        "comments/embed.js",
        {
            "frame_path": reverse("comments:embed-frame"),
            "counts_path": reverse("comments:embed-counts"),
            "max_urls": MAX_URLS,
        },
        content_type="text/javascript; charset=utf-8",
    )
    patch_cache_control(response, public=True, max_age=LOADER_MAX_AGE)
    # Its one string (the frame's title) is in the reader's language.
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


def page_urls(request):
    """The page URLs asked for, or None if the list is empty, too long or bad."""
    urls = request.GET.getlist("url")
    if not 0 < len(urls) <= MAX_URLS:
        return None
    if any(len(url) > MAX_URL_LENGTH or not normalise_origin(url) for url in urls):
        return None
    return urls


@require_GET
def counts(request):
    """Approved comments per page URL, {"counts": {url: n}}, in one query."""
    urls = page_urls(request)
    if urls is None:
        message = _("Name 1 to %(max)d page addresses (http or https).")
        response = JsonResponse({"error": message % {"max": MAX_URLS}}, status=400)
    else:
        approved = Q(comments__status=Comment.Status.APPROVED)
        found = dict(
            Discussion.objects.public()
            .filter(url__in={normalised_url(url) for url in urls})
            .annotate(approved=Count("comments", filter=approved))
            .values_list("url", "approved")
        )
        response = JsonResponse(
            {"counts": {url: found.get(normalised_url(url), 0) for url in urls}}
        )
        patch_cache_control(
            response, public=True, max_age=COUNTS_MAX_AGE, s_maxage=COUNTS_MAX_AGE
        )
    origin = request.headers.get("Origin", "")
    if is_allowed(origin):
        response["Access-Control-Allow-Origin"] = origin
    patch_vary_headers(response, ["Origin"])
    return response
