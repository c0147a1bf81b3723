from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


def csrf_failure(request, reason=""):
    """A form without its security token: say what to do, not what went wrong."""
    return render(request, "403_csrf.html", status=403)


def health(request):
    """A bare response: for load balancers, and the benchmark's ceiling."""
    return HttpResponse("ok", content_type="text/plain")


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
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
