"""Discussions embedded in pages of other sites (COMMENTS_EMBED_ORIGINS).

Only the origins on the list may frame the discussion pages, have a
discussion made for one of their pages, and read the counts. Everything else
this site serves keeps `X-Frame-Options: DENY` and `frame-ancestors 'none'`.

A response "in the frame" is the frame page itself or anything the reader's
browser asks for from inside it (the CAPTCHA's challenge, the form's post
and the page it is sent back to): the site's Referrer-Policy (same-origin)
sends the frame's own address with each of those, so the views need not
know. Those responses may be framed by the allowed origins, and the cookies
they set are the third-party kind (SameSite=None, Secure, Partitioned) when
the site runs on HTTPS: a browser sends no other cookie to a frame whose
page belongs to another site.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

FRAME_ANCESTORS = re.compile(r"frame-ancestors[^;]*")


def normalise_origin(value):
    """An origin in one spelling (https://Blog.example:443/x gives
    https://blog.example), or "" for anything but http(s)."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port not in (None, default):
        host = f"{host}:{port}"
    return f"{parts.scheme}://{host}"


def allowed_origins():
    return [
        origin
        for origin in map(normalise_origin, settings.COMMENTS_EMBED_ORIGINS)
        if origin
    ]


def is_allowed(origin):
    return bool(origin) and normalise_origin(origin) in allowed_origins()


def own_origin(request):
    return normalise_origin(request.build_absolute_uri("/"))


def asking_origin(request):
    """The origin of the page that embeds the frame: "" if nothing says, None
    if what is said does not hold together.

    The loader passes it (`origin`); what the browser says (Origin, Referer),
    when it comes from another site, must agree with it. The frame's own
    links and redirects come from this site, and say nothing.
    """
    given = request.GET.get("origin", "")
    passed = normalise_origin(given)
    told = normalise_origin(
        request.headers.get("Origin") or request.headers.get("Referer") or ""
    )
    if told == own_origin(request):
        told = ""
    if (given and not passed) or (passed and told and passed != told):
        return None
    return passed or told


def in_frame(request):
    """Whether the request is a frame page or comes from inside one."""
    frames = reverse("comments:embed-frame")
    if request.path.startswith(frames):
        return True
    referer = urlsplit(request.headers.get("Referer", ""))
    return referer.path.startswith(frames) and (
        normalise_origin(referer.geturl()) == own_origin(request)
    )


def frame_policy():
    """The site's Content-Security-Policy, framed by exactly the allowed origins."""
    ancestors = " ".join(allowed_origins()) or "'none'"
    directive = f"frame-ancestors {ancestors}"
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
    if FRAME_ANCESTORS.search(policy):
        return FRAME_ANCESTORS.sub(directive, policy)
    return "; ".join(filter(None, [policy, directive]))


def third_party_cookies(response):
    """Cookies a browser keeps and sends inside another site's page (CHIPS).

    Python's cookies (before 3.14) know no Partitioned attribute; it rides
    on SameSite's value, which Django has already checked.
    """
    for morsel in response.cookies.values():
        morsel["secure"] = True
        morsel["samesite"] = "None; Partitioned"


class EmbedFrameMiddleware:
    """Let the allowed origins frame what is served in the frame.

    Placed above CsrfViewMiddleware and SessionMiddleware, so that it sees
    every cookie of the response, and below the site's own CSP middleware,
    which keeps a header already set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not allowed_origins() or not in_frame(request):
            return response
        response["Content-Security-Policy"] = frame_policy()
        if "X-Frame-Options" in response:
            del response["X-Frame-Options"]
        if settings.HTTPS:
            third_party_cookies(response)
        return response
