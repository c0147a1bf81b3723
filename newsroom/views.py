import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import Error, connection
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from comments.http import DATABASE_UNAVAILABLE, database_unavailable

logger = logging.getLogger(__name__)


def csrf_failure(request, reason=""):
    """A form without its security token: say what to do, not what went wrong."""
    return render(request, "403_csrf.html", status=403)


def alive(request):
    """A bare response: the process answers (and the benchmark's ceiling)."""
    return HttpResponse("ok", content_type="text/plain")


def health(request):
    """For load balancers: 503 without the database; the cache only reported."""
    checks = {"database": database_state(), "cache": cache_state()}
    status = 200 if checks["database"] == "ok" else 503
    return JsonResponse(checks, status=status)


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Error as error:
        logger.error("Health check: the database is unavailable: %s", error)
        return "unavailable"
    return "ok"


def cache_state():
    try:
        cache.set("newsroom:health", "ok", timeout=10)
        return "ok" if cache.get("newsroom:health") == "ok" else "unavailable"
    except Exception as error:
        logger.warning("Health check: the cache is unavailable: %s", error)
        return "unavailable"


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them the SVG."""
    return redirect(static("newsroom/favicon.svg"), permanent=True)


@never_cache
def choose_language(request, code):
    """The footer's language links: remember the choice, then go back.

    A plain link rather than Django's set_language form, so that cached pages
    need no CSRF token; the cookie only picks a language.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    response = redirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


def server_error(request):
    """handler500: the site's look, without the database; a database error
    that escaped the middleware (raised in another middleware) still gets its
    503."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        return database_unavailable(request, error)
    return HttpResponseServerError(render_to_string("500.html"))
