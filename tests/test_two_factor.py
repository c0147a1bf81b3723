"""With NEWSROOM_TWO_FACTOR on, editors need a code from an authenticator app.

The codes are computed here as an app computes them (RFC 6238: HMAC-SHA1 of
the 30-second step, from the secret the setup page shows).
"""

import base64
import hashlib
import hmac
import re
import struct
import time
from unittest import mock

from django.test import TestCase, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_editor

PASSWORD = "a-long-test-password"


def totp(secret, at):
    digest = hmac.new(
        base64.b32decode(secret), struct.pack(">Q", int(at) // 30), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


@override_settings(NEWSROOM_TWO_FACTOR=True)
class TwoFactorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_editor("mira")

    def log_in(self, client=None):
        client = client or self.client
        response = client.post(
            "/admin/login/?next=/admin/comments/comment/",
            {"username": "mira", "password": PASSWORD},
        )
        assert response.status_code == 302
        return client.get(response.url)

    def set_up_app(self, at):
        """Log in, read the secret off the setup page, confirm with a code."""
        gate = self.log_in()
        self.assertRedirects(
            gate,
            "/admin/two-factor/?next=/admin/comments/comment/",
            fetch_redirect_response=False,
        )
        page = self.client.get(gate.url)
        self.assertContains(page, "Scan this QR code")
        self.assertContains(page, 'src="data:image/svg+xml')
        secret = re.search(r'id="totp-secret">([A-Z2-7=]+)<', page.text).group(1)
        with mock.patch("time.time", return_value=at):
            response = self.client.post(
                gate.url,
                {"token": totp(secret, at), "next": "/admin/comments/comment/"},
            )
        self.assertRedirects(
            response, "/admin/comments/comment/", fetch_redirect_response=False
        )
        return secret

    def test_an_editor_sets_up_the_app_then_reaches_the_admin(self):
        self.set_up_app(time.time())
        assert self.client.get("/admin/comments/comment/").status_code == 200

    def test_no_admin_page_opens_before_the_code(self):
        self.log_in()
        for url in (
            "/admin/",
            "/admin/comments/comment/",
            "/admin/comments/comment/desk/",
        ):
            response = self.client.get(url)
            assert response.status_code == 302, url
            assert response.url.startswith("/admin/two-factor/?next="), url

    def test_the_code_page_needs_the_password_first(self):
        response = self.client.get("/admin/two-factor/")
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/?next=/admin/two-factor/")
        assert not TOTPDevice.objects.exists()

    def test_a_wrong_code_is_refused(self):
        self.log_in()
        response = self.client.post("/admin/two-factor/", {"token": "000000"})
        self.assertContains(response, "That code is not right.", status_code=400)
        assert self.client.get("/admin/").status_code == 302

    def test_later_logins_ask_only_for_the_code(self):
        now = time.time()
        secret = self.set_up_app(now)
        later = now + 60
        client = self.client_class()
        gate = self.log_in(client)
        page = client.get(gate.url)
        self.assertContains(page, "Enter the code your authenticator app shows")
        self.assertNotContains(page, secret)
        with mock.patch("time.time", return_value=later):
            response = client.post(gate.url, {"token": totp(secret, later)})
        assert response.status_code == 302
        assert client.get("/admin/comments/comment/").status_code == 200

    def test_a_code_is_never_accepted_twice(self):
        now = time.time()
        secret = self.set_up_app(now)
        client = self.client_class()
        self.log_in(client)
        with mock.patch("time.time", return_value=now):
            response = client.post("/admin/two-factor/", {"token": totp(secret, now)})
        assert response.status_code == 400

    @override_settings(NEWSROOM_TWO_FACTOR=False)
    def test_with_the_setting_off_the_password_is_enough(self):
        assert self.log_in().status_code == 200
