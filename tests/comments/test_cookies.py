"""Every cookie the site sets: Secure under HTTPS, HttpOnly, SameSite=Lax;
the remembered name and email unreadable in the cookie itself."""

import base64
import binascii
import contextlib
import os
import runpy
import time
from unittest import mock

from django.test import override_settings

import newsroom.settings
from comments.forms import stamp
from comments.models import Comment
from tests.factories import make_comment, make_editor

from .base import URL, PostingTestCase

HTTPS_ON = {"HTTPS": "1", "SECRET_KEY": "tests-only-not-secret"}


def https_cookie_settings():
    """The cookie settings newsroom/settings.py computes with HTTPS on."""
    with mock.patch.dict(os.environ, HTTPS_ON):
        values = runpy.run_path(newsroom.settings.__file__)
    return {
        name: value
        for name, value in values.items()
        if name == "HTTPS" or (name.isupper() and "COOKIE" in name)
    }


def readable_parts(value):
    """The cookie's value, and whatever its pieces decode to as base64."""
    parts = [value]
    for piece in value.replace(".", ":").split(":"):
        with contextlib.suppress(binascii.Error, ValueError):
            parts.append(base64.urlsafe_b64decode(piece + "=" * (-len(piece) % 4)))
    return [part if isinstance(part, bytes) else part.encode() for part in parts]


@override_settings(COMMENTS_FLOOD_SECONDS=0, **https_cookie_settings())
class CookieFlagTests(PostingTestCase):
    def set_cookies(self, response):
        assert response.cookies, "no cookie was set"
        return response.cookies.values()

    def assert_flags(self, response):
        for cookie in self.set_cookies(response):
            assert cookie["secure"], cookie.key
            assert cookie["httponly"], cookie.key
            assert cookie["samesite"] == "Lax", cookie.key

    def post_secure(self, **overrides):
        self.client.defaults["wsgi.url_scheme"] = "https"
        return self.post(**overrides)

    def test_a_readers_cookies(self):
        self.client.defaults["wsgi.url_scheme"] = "https"
        challenge = self.client.get(
            "/comments/challenge/", headers={"X-Requested-With": "XMLHttpRequest"}
        )
        self.assert_flags(challenge)
        posted = self.post_secure(remember="on")
        assert {"newsroom_pending", "newsroom_commenter", "messages"} <= set(
            posted.cookies
        )
        self.assert_flags(posted)

    def test_forgetting_the_reader_is_secure_too(self):
        self.assert_flags(self.post_secure())

    def test_the_recommend_and_report_cookies(self):
        self.client.defaults["wsgi.url_scheme"] = "https"
        comment = make_comment(self.article, status=Comment.Status.APPROVED)
        recommended = self.client.post(f"/comments/{comment.pk}/recommend/")
        assert "newsroom_browser" in recommended.cookies
        self.assert_flags(recommended)
        reported = self.client.post(
            f"/comments/{comment.pk}/report/",
            {"reason": "spam", "note": "", "timestamp": stamp(time.time() - 60)},
        )
        assert "newsroom_reader" in reported.cookies
        self.assert_flags(reported)

    def test_an_editors_cookies(self):
        self.client.defaults["wsgi.url_scheme"] = "https"
        make_editor()
        login = self.client.post(
            "/admin/login/",
            {"username": "editor", "password": "a-long-test-password"},
            REMOTE_ADDR="198.51.100.9",
        )
        assert login.status_code == 302
        self.assert_flags(login)


@override_settings(COMMENTS_FLOOD_SECONDS=0)
class RememberedCommenterTests(PostingTestCase):
    def test_the_cookie_does_not_show_the_email_or_name(self):
        value = self.post(remember="on").cookies["newsroom_commenter"].value
        for part in readable_parts(value):
            assert b"aigerim" not in part.lower()
            assert b"author_email" not in part

    def test_the_cookie_still_fills_in_the_form(self):
        self.post(remember="on")
        self.assertContains(self.client.get(URL), 'value="aigerim@example.com"')

    def test_the_longest_fields_still_fit_in_a_cookie(self):
        name = "李" * 245
        website = "https://例子.example/" + "路" * 170
        response = self.post(remember="on", author_name=name, author_url=website)
        assert len(response.cookies["newsroom_commenter"].OutputString()) < 4096
        self.assertContains(self.client.get(URL), name)

    def test_a_changed_cookie_fills_in_nothing(self):
        value = self.post(remember="on").cookies["newsroom_commenter"].value
        self.client.cookies["newsroom_commenter"] = value[:-4] + "AAAA"
        self.assertNotContains(self.client.get(URL), "aigerim@example.com")

    def test_the_cookie_survives_a_key_rotation(self):
        self.post(remember="on")
        with self.settings(
            SECRET_KEY="a-new-key", SECRET_KEY_FALLBACKS=["tests-only-not-secret"]
        ):
            self.assertContains(self.client.get(URL), 'value="aigerim@example.com"')
