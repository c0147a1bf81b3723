"""The embed's views: the loader script, the frame and the counts.

Origins, framing and cookies are comments/embed.py's; these views only
check what is asked for and answer it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .caching import is_anonymous_visit
from .discussions import normalised_url
from .embed import asking_origin, is_allowed, normalise_origin
from .models import Comment, Discussion
from .views import DiscussionView

# What the loader adds to the frame's address: none of it changes the page.
ENTRY_PARAMS = {"url", "title", "origin"}
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


def requested_discussion(request):
    """The discussion of the page named by `url`, made on first use.

    The page must belong to an allowed origin, and so must the page that
    asks (see embed.asking_origin); a discussion is made only when it says
    which. Anything else is refused, and nothing is made.
    """
    url = request.GET.get("url", "")
    origin = asking_origin(request)
    if len(url) > MAX_URL_LENGTH or not is_allowed(url) or origin is None:
        raise PermissionDenied
    if origin and not is_allowed(origin):
        raise PermissionDenied
    if not origin:
        found = Discussion.objects.filter(url=normalised_url(url)).first()
        if found is None:
            raise PermissionDenied
        return found
    title = request.GET.get("title", "").strip() or url
    return Discussion.objects.for_page(url=url, title=title)


class DiscussionFrameView(DiscussionView):
    """A discussion alone, for the loader's iframe: cached like the article
    page, its form posting here and coming back here."""

    template_name = "comments/embed_frame.html"

    def page_path(self):
        return reverse("comments:embed-discussion", kwargs={"pk": self.kwargs["pk"]})

    def get_comments_post_url(self):
        return self.page_path()

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if isinstance(response, HttpResponseRedirect):
            # Back to the frame, to the comment, rather than to the full page.
            fragment = response["Location"].partition("#")[2]
            response["Location"] = f"{self.page_path()}#{fragment}"
        return response


class FrameView(DiscussionFrameView):
    """The loader's iframe: the discussion of the page it names (`url`)."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        self.kwargs["pk"] = requested_discussion(request).pk
        return super().get(request, *args, **kwargs)

    def is_shared_visit(self, request):
        return is_anonymous_visit(request, ignored=ENTRY_PARAMS)


@require_GET
def discussion_page(request):
    """The `<noscript>` link of an embed: the discussion on this site."""
    return redirect(requested_discussion(request).get_site_url())
