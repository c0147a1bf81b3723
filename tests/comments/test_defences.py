import os
import subprocess
import sys
import time
from datetime import timedelta
from io import StringIO

from captcha.models import CaptchaStore
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django.utils.html import escape

from comments.forms import stamp
from comments.models import Comment, Keyword
from tests.factories import (
    captcha_key,
    comment_data,
    fetched_captcha_key,
    make_article,
    make_comment,
)

from .base import POST_URL, URL, PostingTestCase


def captured_stamp(response):
    html = response.content.decode()
    return html.split('name="timestamp" value="')[1].split('"')[0]


class DefenceTestCase(PostingTestCase):
    def reasons(self, comment):
        return [str(reason) for reason in comment.reasons.all()]


class PolicyInTheSiteTests(DefenceTestCase):
    def test_a_held_comment_records_why(self):
        self.post()
        comment = Comment.objects.get()
        assert comment.status == "pending"
        assert self.reasons(comment) == [
            "held for manual approval (every comment is held)"
        ]

    def test_links_hold_the_comment_with_the_count(self):
        self.post(body="http://a.example http://b.example http://c.example")
        assert self.reasons(Comment.objects.get()) == ["contains 3 links"]

    def test_words_from_the_admin_lists_hold_or_reject(self):
        Keyword.objects.create(kind="moderate", term="casino")
        Keyword.objects.create(kind="disallow", term="viagra")
        self.post(body="casino night")
        self.post(ip="198.51.100.5", author_email="b@example.com", body="viagra")
        held, spam = Comment.objects.order_by("pk")
        assert held.status == "pending"
        assert "the comment contains the moderation word “casino”" in self.reasons(held)
        assert spam.status == "spam"
        assert self.reasons(spam) == [
            "the comment contains the disallowed word “viagra”"
        ]

    def test_a_filled_honeypot_is_stored_as_spam_and_looks_pending_to_its_poster(
        self,
    ):
        response = self.post(homepage="http://bot.example")
        comment = Comment.objects.get()
        assert comment.status == "spam"
        assert self.reasons(comment) == ["filled in the hidden field only bots see"]
        page = self.client.get(response["Location"])
        self.assertContains(page, "Your comment is awaiting moderation.", count=2)
        self.assertNotContains(self.client_class().get(URL), comment.body)

    @override_settings(COMMENTS_MANUAL_APPROVAL=False)
    def test_without_manual_approval_a_clean_comment_is_published(self):
        response = self.post()
        page = self.client.get(response["Location"], follow=True)
        self.assertContains(page, "Your comment is published.")
        self.assertInHTML(
            '<h2 id="comments-title">Comments (1)</h2>', page.content.decode()
        )

    @override_settings(COMMENTS_APPROVE_KNOWN_AUTHORS=True)
    def test_a_previously_approved_author_is_published_at_once(self):
        assert self.status_after_earlier_comment_by("Aigerim") == "approved"

    @override_settings(COMMENTS_APPROVE_KNOWN_AUTHORS=True)
    def test_an_author_is_known_by_name_and_email_together(self):
        assert self.status_after_earlier_comment_by("Someone else") == "pending"

    def status_after_earlier_comment_by(self, name):
        make_comment(
            self.article,
            author_name=name,
            author_email="AIGERIM@example.com",
            submitted_at=timezone.now() - timedelta(days=1),
        )
        self.post(body="Me again")
        return Comment.objects.get(body="Me again").status


class FormTimestampTests(DefenceTestCase):
    def test_a_submission_right_after_the_form_was_served_is_refused(self):
        response = self.post(timestamp=stamp(time.time() - 1))
        self.assertContains(response, "That was quick!", status_code=400)
        assert not Comment.objects.exists()

    def test_a_form_older_than_a_day_is_refused_and_restamped(self):
        old = stamp(time.time() - settings.COMMENTS_MAX_FORM_AGE - 5)
        response = self.post(timestamp=old)
        self.assertContains(response, "more than a day old", status_code=400)
        assert old not in response.content.decode()
        assert not Comment.objects.exists()

    def test_a_tampered_timestamp_is_refused(self):
        forged = stamp(time.time() - 60).rsplit(":", 1)[0] + ":forged"
        response = self.post(timestamp=forged)
        self.assertContains(response, "damaged on its way", status_code=400)

    def test_a_missing_timestamp_is_refused(self):
        response = self.post(timestamp="")
        self.assertContains(response, "Part of the form is missing", status_code=400)

    def test_the_form_gets_a_fresh_signed_stamp_with_its_sum(self):
        challenge = self.client.get(
            "/comments/challenge/", headers={"X-Requested-With": "XMLHttpRequest"}
        ).json()
        served = int(challenge["timestamp"].split(":")[0])
        assert abs(served - time.time()) < 5
        assert challenge["csrf_token"]
        assert CaptchaStore.objects.filter(hashkey=challenge["key"]).exists()

    def test_a_form_sent_back_with_errors_carries_a_stamp(self):
        response = self.post(body="")
        stamp_value = captured_stamp(response)
        assert abs(int(stamp_value.split(":")[0]) - time.time()) < 120


class FloodTests(DefenceTestCase):
    def test_posting_again_from_the_same_address_is_refused(self):
        self.post()
        response = self.post(author_email="other@example.com", body="Another")
        self.assertContains(
            response,
            "You are posting comments too quickly. Slow down.",
            status_code=429,
        )
        self.assertContains(response, "Another</textarea>", status_code=429)
        assert Comment.objects.count() == 1

    def test_posting_again_with_the_same_email_is_refused(self):
        self.post()
        response = self.post(ip="192.0.2.99", body="Another")
        assert response.status_code == 429

    def test_the_database_still_refuses_when_another_process_has_no_cache_mark(self):
        self.post()
        cache.clear()
        response = self.post(body="Another")
        assert response.status_code == 429

    def test_after_the_interval_posting_works_again(self):
        make_comment(
            self.article,
            author_email="aigerim@example.com",
            ip_address="198.51.100.4",
            submitted_at=timezone.now() - timedelta(seconds=16),
        )
        assert self.post().status_code == 302

    @override_settings(COMMENTS_FLOOD_SECONDS=0)
    def test_the_check_can_be_switched_off(self):
        self.post()
        assert self.post(body="Another").status_code == 302


@override_settings(COMMENTS_FLOOD_SECONDS=0)
class DuplicateTests(DefenceTestCase):
    def test_the_same_text_by_the_same_author_is_refused(self):
        self.post()
        response = self.post()
        self.assertContains(
            response,
            escape(
                "Duplicate comment detected; "
                "it looks as though you've already said that!"
            ),
            status_code=409,
        )
        assert Comment.objects.count() == 1

    def test_the_same_text_by_someone_else_is_fine(self):
        self.post()
        response = self.post(author_name="Other", author_email="other@example.com")
        assert response.status_code == 302

    def test_the_same_text_on_another_article_is_fine(self):
        self.post()
        other = make_article(slug="other", title="Other")
        page = self.client.get(other.get_absolute_url())
        response = self.client.post(
            "/articles/other/comments/", comment_data(page), REMOTE_ADDR="192.0.2.1"
        )
        assert response.status_code == 302


class CaptchaHardeningTests(DefenceTestCase):
    def test_a_forged_key_is_refused_with_a_fresh_challenge(self):
        response = self.post(captcha_0="f" * 40, captcha_1="5")
        self.assertContains(
            response, "has expired or was already used", status_code=400
        )
        assert captcha_key(response) != "f" * 40
        assert CaptchaStore.objects.filter(hashkey=captcha_key(response)).exists()

    def test_garbage_keys_are_refused_cleanly(self):
        for key in ("", "../../etc", "x" * 1000, "abc\x00def"):
            response = self.post(captcha_0=key, captcha_1="5")
            assert response.status_code == 400, key

    def test_every_attempt_spends_the_challenge(self):
        page = self.client.get(URL)
        data = comment_data(page, captcha_1="999")
        key = data["captcha_0"]
        self.client.post(POST_URL, data)
        assert not CaptchaStore.objects.filter(hashkey=key).exists()

    def test_the_clean_command_removes_only_expired_challenges(self):
        for _ in range(3):
            fetched_captcha_key(self.client)
        CaptchaStore.objects.filter(
            pk__in=CaptchaStore.objects.values("pk")[:2]
        ).update(expiration=timezone.now() - timedelta(minutes=1))
        out = StringIO()
        call_command("captcha_clean", stdout=out)
        assert CaptchaStore.objects.count() == 1

    def test_production_refuses_to_start_with_test_mode(self):
        env = {**os.environ, "CAPTCHA_TEST_MODE": "1", "SECRET_KEY": "x" * 50}
        env.pop("DEBUG", None)
        result = subprocess.run(
            [sys.executable, "-c", "import newsroom.settings"],
            env=env,
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
        )
        assert result.returncode != 0
        assert "CAPTCHA_TEST_MODE must not be on when DEBUG is off" in result.stderr

    def test_production_refuses_to_start_without_a_secret_key(self):
        env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
        env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
        gunicorn = ["-m", "gunicorn", "newsroom.wsgi", "--preload", "--bind"]
        for command in (
            ["-c", "import newsroom.settings"],
            ["manage.py", "check"],
            [*gunicorn, "127.0.0.1:0"],  # as `make serve` starts it
        ):
            result = subprocess.run(
                [sys.executable, *command],
                env=env,
                capture_output=True,
                text=True,
                cwd=settings.BASE_DIR,
                timeout=60,
            )
            assert result.returncode == 1
            # One line, no traceback.
            assert result.stderr == (
                "Set SECRET_KEY in the environment or in .env "
                "(or DEBUG=1 for local work; `make run` writes both).\n"
            )
