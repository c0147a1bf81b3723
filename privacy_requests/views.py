from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import PrivacyRequestForm
from .models import PrivacyRequest


@require_http_methods(["GET", "POST"])
def request_form(request):
    form = PrivacyRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        address = request.META.get("REMOTE_ADDR")
        if services.over_limit(email=email.lower(), ip_address=address):
            form.add_error(
                None, _("Too many requests lately. Please try again tomorrow.")
            )
            return render(
                request, "privacy_requests/form.html", {"form": form}, status=429
            )
        services.privacy_request_submit(
            email=email,
            kind=form.cleaned_data["kind"],
            ip_address=address,
            site_url=settings.NEWSROOM_SITE_URL,
        )
        return redirect("privacy_requests:sent")
    status = 400 if form.errors else 200
    return render(request, "privacy_requests/form.html", {"form": form}, status=status)


def sent(request):
    return render(request, "privacy_requests/sent.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A page with a button: mail scanners that follow links confirm nothing."""
    privacy_request = services.confirmed_request(token)
    if privacy_request is None:
        return render(request, "privacy_requests/invalid.html", status=404)
    if request.method == "POST":
        privacy_request = services.privacy_request_confirm(
            request=privacy_request, site_url=settings.NEWSROOM_SITE_URL
        )
    context = {"privacy_request": privacy_request, "Status": PrivacyRequest.Status}
    return render(request, "privacy_requests/confirm.html", context)


def download(request, token):
    privacy_request = services.download_request(token)
    if privacy_request is None:
        return render(request, "privacy_requests/invalid.html", status=404)
    response = HttpResponse(
        services.export_file(privacy_request),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-comments.json"'
    response["Cache-Control"] = "private, no-store"
    return response
