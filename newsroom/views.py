from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static


def csrf_failure(request, reason=""):
    """A form without its security token: say what to do, not what went wrong."""
    return render(request, "403_csrf.html", status=403)


def health(request):
    """A bare response: for load balancers, and the benchmark's ceiling."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them the SVG."""
    return redirect(static("newsroom/favicon.svg"), permanent=True)
