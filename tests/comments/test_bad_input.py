"""Whatever a reader (or a bot) sends, the answer is a clear 4xx, never a 500."""

import json

from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from comments.models import Comment
from tests.factories import (
    approve,
    comment_data,
    make_article,
    make_comment,
    make_editor,
)

from .base import POST_URL, URL, PostingTestCase

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@override_settings(COMMENTS_FLOOD_SECONDS=0)
class BadInputTestCase(PostingTestCase):
    def refused(self, field, message, **overrides):
        response = self.post(**overrides)
        assert response.status_code == 400, overrides
        assert field in response.context["form"].errors, overrides
        self.assertContains(response, message, status_code=400)
        assert not Comment.objects.exists()
        return response


class InjectionTests(BadInputTestCase):
    def test_markup_in_every_field_is_stored_as_text_and_shown_escaped(self):
        self.post(author_name=SCRIPT, body=SCRIPT, author_email="x@example.com")
        comment = Comment.objects.get()
        assert (comment.author_name, comment.body) == (SCRIPT, SCRIPT)
        approve(comment)
        page = self.client.get(URL)
        self.assertNotContains(page, "<script>alert")
        self.assertNotContains(page, "<img src=x")
        self.assertContains(page, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")

    def test_markup_is_escaped_in_the_admin_queue(self):
        make_comment(self.article, status="pending", author_name=SCRIPT, body=SCRIPT)
        self.client.force_login(make_editor())
        response = self.client.get("/admin/comments/comment/")
        self.assertNotContains(response, "<script>alert")
        self.assertContains(response, "&lt;script&gt;")

    def test_markup_is_kept_in_a_refused_form_escaped(self):
        response = self.post(body=SCRIPT, author_email="nope")
        self.assertNotContains(response, "<script>alert", status_code=400)
        self.assertContains(response, "&lt;script&gt;", status_code=400)

    def test_an_attribute_breaking_website_is_refused(self):
        self.refused(
            "author_url", "http:// or https://", author_url='http://x" onclick="a'
        )


class WebsiteSchemeTests(BadInputTestCase):
    def test_non_http_schemes_are_refused(self):
        for url in (
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox",
            "ftp://files.example/",
            "file:///etc/passwd",
        ):
            self.refused("author_url", "http:// or https://", author_url=url)


class CharacterTests(BadInputTestCase):
    def test_nul_bytes_are_refused_in_every_field(self):
        for field in ("body", "author_name", "author_email", "author_url"):
            response = self.post(**{field: "a\x00b"})
            assert response.status_code == 400, field
            assert field in response.context["form"].errors
        assert not Comment.objects.exists()

    def test_control_characters_are_refused(self):
        self.refused("body", "control characters", body="bell\x07 and escape\x1b[31m")
        self.refused("author_name", "invisible", author_name="bell\x07")

    def test_tabs_and_newlines_are_fine_in_a_comment(self):
        self.post(body="line one\r\n\tindented\r\n\r\nparagraph")
        assert Comment.objects.get().body == "line one\r\n\tindented\r\n\r\nparagraph"

    def test_invisible_and_direction_changing_characters_in_names(self):
        for name in (
            "Ali\u202ece",
            "Zero\u200bwidth",
            "Join\u200dme",
            "\ufeffBom",
            "Line\u2028sep",
            "Iso\u2066late",
        ):
            self.refused(
                "author_name", "invisible or direction-changing", author_name=name
            )

    def test_unicode_names_and_text_are_kept(self):
        self.post(author_name="Айгерім Ömür 李", body="Привет 👋🏽 مرحبا")
        comment = Comment.objects.get()
        assert comment.author_name == "Айгерім Ömür 李"
        assert comment.body == "Привет 👋🏽 مرحبا"

    def test_whitespace_only_fields_are_refused(self):
        response = self.post(body=" \r\n\t ", author_name="   ", author_email="  ")
        assert set(response.context["form"].errors) == {
            "body",
            "author_name",
            "author_email",
        }
        self.assertContains(response, "Please write a comment.", status_code=400)

    def test_invisible_only_comment_or_name_counts_as_empty(self):
        response = self.post(
            body="\u200b\u200b \u200c\ufeff\u2060", author_name="\u200b\u200d"
        )
        assert response.status_code == 400
        errors = response.context["form"].errors
        assert errors["body"] == ["Please write a comment."]
        assert errors["author_name"] == ["This field is required."]
        assert not Comment.objects.exists()

    def test_invisible_joiners_inside_real_text_are_kept(self):
        self.post(body="Family: 👩\u200d👩\u200d👧")
        assert Comment.objects.get().body == "Family: 👩\u200d👩\u200d👧"

    def test_invisible_and_direction_changing_characters_in_websites(self):
        for url in (
            "https://example.com/\u202efdp.exe",
            "https://example.com/a\u200bb",
            "https://example.com/?q=\u2066x",
        ):
            self.refused(
                "author_url", "invisible or direction-changing", author_url=url
            )

    def test_newlines_in_name_or_email_are_refused(self):
        self.refused(
            "author_name", "invisible", author_name="Eve\r\nBcc: all@example.com"
        )
        self.refused(
            "author_email", "valid email", author_email="eve@example.com\nBcc: a@b.c"
        )


class SizeTests(BadInputTestCase):
    def test_a_megabyte_body_is_refused_with_its_limit(self):
        response = self.refused(
            "body", "at most 65525 characters", body="x" * 1_000_000
        )
        self.assertContains(response, 'value="Aigerim"', status_code=400)

    def test_a_body_over_the_upload_limit_gets_400_not_500(self):
        response = self.post(body="x" * 3_000_000)
        assert response.status_code == 400
        assert not Comment.objects.exists()


class RequestShapeTests(BadInputTestCase):
    def test_missing_fields_are_named(self):
        response = self.client.post(POST_URL, {})
        assert response.status_code == 400
        assert {"body", "author_name", "author_email", "captcha", "timestamp"} <= set(
            response.context["form"].errors
        )

    def test_repeated_fields_take_the_last_value(self):
        data = comment_data(self.client.get(URL))
        data["author_name"] = ["First", "Last"]
        assert self.client.post(POST_URL, data).status_code == 302
        assert Comment.objects.get().author_name == "Last"

    def test_a_json_body_is_refused_as_an_empty_form(self):
        data = comment_data(self.client.get(URL))
        response = self.client.post(
            POST_URL, json.dumps(data), content_type="application/json"
        )
        assert response.status_code == 400
        assert not Comment.objects.exists()

    def test_a_broken_multipart_body_is_refused(self):
        response = self.client.generic(
            "POST",
            POST_URL,
            b"--zz\r\nnonsense",
            content_type="multipart/form-data; boundary=zz",
        )
        assert response.status_code == 400

    def test_missing_and_wrong_csrf_tokens_are_refused(self):
        client = self.client_class(enforce_csrf_checks=True)
        data = comment_data(client.get(URL))
        for token in (None, "wrong" * 13):
            payload = {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"}
            if token:
                payload["csrfmiddlewaretoken"] = token
            response = client.post(POST_URL, payload)
            self.assertContains(
                response, "Solve the sum below to post your comment.", status_code=403
            )
        assert not Comment.objects.exists()

    def test_unknown_articles_are_not_found(self):
        for slug in ("no-such-article", "123", "%E2%80%AE"):
            response = self.client.post(f"/articles/{slug}/comments/", {})
            assert response.status_code == 404, slug


class OtherEndpointTests(BadInputTestCase):
    def test_captcha_views_answer_bad_keys_with_4xx(self):
        assert self.client.get("/captcha/image/" + "0" * 40 + "/").status_code == 410
        assert self.client.get("/captcha/image/not-hex!/").status_code == 404
        with self.settings(CAPTCHA_FLITE_PATH="/usr/bin/flite"):
            audio = self.client.get("/captcha/audio/" + "0" * 40 + ".wav")
        assert audio.status_code == 410
        assert self.client.get("/captcha/refresh/").status_code == 404

    def test_admin_actions_refuse_ids_that_are_not_numbers(self):
        comment = make_comment(self.article, status="pending")
        self.client.force_login(make_editor())
        response = self.client.post(
            "/admin/comments/comment/",
            {"action": "approve", "_selected_action": [str(comment.pk), "1 OR 1=1"]},
            follow=True,
        )
        self.assertContains(response, "Those are not comments one can select.")
        comment.refresh_from_db()
        assert comment.status == "pending"

    def test_admin_actions_refuse_unknown_actions(self):
        make_comment(self.article, status="pending")
        self.client.force_login(make_editor())
        response = self.client.post(
            "/admin/comments/comment/",
            {"action": "delete_everything", "_selected_action": ["1"]},
        )
        assert response.status_code in {200, 302}
        assert Comment.objects.pending().count() == 1


@override_settings(COMMENTS_FLOOD_SECONDS=0)
class RandomTextTests(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    @settings(
        max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(
        name=st.text(max_size=300),
        body=st.text(max_size=400),
        url=st.text(max_size=60),
    )
    def test_random_text_never_breaks_the_form(self, name, body, url):
        Comment.objects.all().delete()
        data = comment_data(
            self.client.get(URL), author_name=name, body=body, author_url=url
        )
        response = self.client.post(POST_URL, data)
        assert response.status_code in {302, 400, 409}, response.status_code
        if response.status_code == 302:
            comment = Comment.objects.get()
            assert comment.body == body
            assert comment.author_name == name.strip()
        else:
            assert not Comment.objects.exists()


class HeaderTests(BadInputTestCase):
    def test_a_huge_user_agent_is_cut_to_its_column(self):
        data = comment_data(self.client.get(URL))
        self.client.post(POST_URL, data, headers={"User-Agent": "A" * 10_000})
        assert Comment.objects.get().user_agent == "A" * 500

    @override_settings(NEWSROOM_TRUSTED_PROXIES=1)
    def test_a_forged_or_broken_forwarded_for_falls_back_to_the_connection(self):
        for forwarded in ("not-an-ip", "1.2.3.4, <script>", "", "::1%eth0, x"):
            Comment.objects.all().delete()
            data = comment_data(self.client.get(URL))
            self.client.post(
                POST_URL,
                data,
                headers={"X-Forwarded-For": forwarded},
                REMOTE_ADDR="192.0.2.10",
            )
            assert Comment.objects.get().ip_address == "192.0.2.10", forwarded

    @override_settings(NEWSROOM_TRUSTED_PROXIES=1)
    def test_the_address_the_trusted_proxy_saw_is_kept(self):
        data = comment_data(self.client.get(URL))
        self.client.post(
            POST_URL,
            data,
            headers={"X-Forwarded-For": "6.6.6.6, 198.51.100.23"},
            REMOTE_ADDR="10.0.0.2",
        )
        assert Comment.objects.get().ip_address == "198.51.100.23"
