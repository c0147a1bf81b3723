"""Two-factor login for the admin (TOTP, django-otp), on with NEWSROOM_TWO_FACTOR.

After the password, a staff member reaches no admin page until they enter a
code from an authenticator app. The first time, the page shows the app's
QR code and secret, and the first good code confirms the device. Wrong codes
are throttled by django-otp (each failure doubles the wait); a code is never
accepted twice.
"""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


class TwoFactorMiddleware:
    """Sends a staff member who has not given a code to the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.NEWSROOM_TWO_FACTOR and needs_code(request):
            page = reverse("two-factor")
            return redirect(f"{page}?next={request.get_full_path()}")
        return self.get_response(request)


def needs_code(request):
    user = request.user
    exempt = {reverse("two-factor"), reverse("admin:logout")}
    return (
        request.path.startswith(reverse("admin:index"))
        and request.path not in exempt
        and user.is_authenticated
        and user.is_staff
        and not user.is_verified()
    )


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Set up an authenticator app (the first time), then enter its code."""
    if not request.user.is_staff:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    back = next_url(request)
    if request.user.is_verified():
        return redirect(back)
    device = user_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(back)
        form.add_error(
            "token",
            _("That code is not right. Check the time on your phone, then try again."),
        )
    context = {
        "form": form,
        "next": back,
        "setup": None if device.confirmed else setup(device),
    }
    return render(
        request, "admin/two_factor.html", context, status=400 if form.errors else 200
    )


def user_device(user):
    """The user's confirmed device, or the one they are setting up."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()
    return device or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def setup(device):
    return {
        "secret": base64.b32encode(device.bin_key).decode(),
        "qr_code": segno.make(device.config_url).svg_data_uri(scale=4),
    }


def next_url(request):
    back = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}):
        return back
    return reverse("admin:index")
