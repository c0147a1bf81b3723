import json
import re
import time
from unittest import mock

from django.contrib.admin.models import LogEntry
from django.core import mail
from django.test import TestCase, override_settings

from comments.models import Comment
from privacy_requests.models import PrivacyRequest
from tests.factories import make_article, make_comment, make_editor, run_worker

LINK = re.compile(r"https?://\S+")


def link_in(message):
    return LINK.search(message.body)[0].removeprefix("http://testserver")


@override_settings(NEWSROOM_SITE_URL="http://testserver")
class PrivacyRequestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.comment = make_comment(
            cls.article, author_name="Mira", author_email="Mira@Example.com"
        )

    def ask(self, email="mira@example.com", kind="export", address="203.0.113.5"):
        response = self.client.post(
            "/privacy/", {"email": email, "kind": kind}, REMOTE_ADDR=address
        )
        run_worker()
        return response

    def confirm(self, message):
        path = link_in(message)
        page = self.client.get(path)
        self.assertContains(page, "Confirm my request")
        response = self.client.post(path)
        run_worker()
        return response

    def test_the_page_asks_for_an_email_and_a_choice(self):
        page = self.client.get("/privacy/")
        self.assertContains(page, 'name="email"')
        self.assertContains(page, "Send me a copy of my comments")
        self.assertContains(page, "Erase my name, email and website")

    def test_a_request_sends_a_signed_link_and_says_nothing_about_comments(self):
        with_comments = self.ask()
        without = self.ask(email="nobody@example.com")
        assert with_comments.status_code == without.status_code == 302
        assert with_comments["Location"] == without["Location"] == "/privacy/sent/"
        assert [m.to for m in mail.outbox] == [
            ["mira@example.com"],
            ["nobody@example.com"],
        ]
        assert mail.outbox[0].subject == mail.outbox[1].subject
        assert "/privacy/confirm/" in mail.outbox[0].body

    def test_following_the_link_asks_first_then_sends_a_download_link(self):
        self.ask()
        self.client.get(link_in(mail.outbox[0]))
        assert PrivacyRequest.objects.get().status == PrivacyRequest.Status.UNCONFIRMED
        page = self.confirm(mail.outbox[0])
        self.assertContains(page, "it works for 24 hours")
        download = self.client.get(link_in(mail.outbox[1]))
        assert download["Content-Disposition"].startswith("attachment")
        rows = json.loads(download.content)
        assert [row["author_name"] for row in rows] == ["Mira"]

    def test_the_download_link_expires_after_24_hours(self):
        self.ask()
        self.confirm(mail.outbox[0])
        later = time.time() + 24 * 3600 + 60
        with mock.patch("time.time", return_value=later):
            response = self.client.get(link_in(mail.outbox[1]))
        self.assertContains(response, "This link does not work", status_code=404)

    def test_a_damaged_link_is_refused(self):
        response = self.client.get("/privacy/confirm/not-a-token/")
        self.assertContains(response, "This link does not work", status_code=404)

    def test_a_confirmed_erasure_waits_for_an_editor_then_happens(self):
        self.ask(kind="erasure")
        page = self.confirm(mail.outbox[0])
        self.assertContains(page, "An editor will carry out the erasure")
        assert Comment.objects.get().author_name == "Mira"
        privacy_request = PrivacyRequest.objects.get()
        assert privacy_request.status == PrivacyRequest.Status.AWAITING
        editor = make_editor()
        self.client.force_login(editor)
        response = self.client.post(
            "/admin/privacy_requests/privacyrequest/",
            {"action": "approve_erasure", "_selected_action": [privacy_request.pk]},
            follow=True,
        )
        run_worker()
        self.assertContains(response, "1 confirmed erasure done.")
        erased = Comment.objects.get()
        assert (erased.author_name, erased.author_email) == ("Anonymous", "")
        privacy_request.refresh_from_db()
        assert privacy_request.status == PrivacyRequest.Status.DONE
        assert privacy_request.done_by == editor
        assert LogEntry.objects.filter(user=editor, object_id=erased.pk).exists()
        assert mail.outbox[-1].subject == "Your personal data was erased"

    def test_requests_are_limited_per_email(self):
        for _number in range(3):
            assert self.ask(address="198.51.100.1").status_code == 302
        response = self.ask(address="198.51.100.2")
        self.assertContains(response, "Too many requests", status_code=429)

    def test_requests_are_limited_per_address(self):
        for number in range(10):
            assert self.ask(email=f"reader{number}@example.com").status_code == 302
        response = self.ask(email="one-more@example.com")
        self.assertContains(response, "Too many requests", status_code=429)

    def test_a_bad_email_is_a_clear_400(self):
        response = self.client.post("/privacy/", {"email": "nope", "kind": "export"})
        self.assertContains(response, "Enter a valid email address.", status_code=400)
