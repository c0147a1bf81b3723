import re
import time
from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.mail.backends.base import BaseEmailBackend
from django.test import TestCase, override_settings
from django.utils import timezone

from comments.models import Comment, NotificationAddress
from comments.personal_data import personal_data_erase
from comments.subscriptions import unsubscribe_token
from tests.factories import (
    comment_data,
    confirm_address,
    make_article,
    make_comment,
    make_editor,
    run_worker,
)

URL = "/articles/a-test-article/"
POST_URL = "/articles/a-test-article/comments/"
QUEUE = "/admin/comments/comment/"


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


@override_settings(COMMENTS_FLOOD_SECONDS=0)
class NotificationTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.editor = make_editor()
        get_user_model().objects.create_user(
            "inactive", "gone@example.com", is_active=False
        )

    def post(self, **overrides):
        page = self.client.get(URL)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(POST_URL, comment_data(page, **overrides))
        run_worker()
        return response

    def approve(self, comment):
        """An editor approves the comment (held first, if it was not)."""
        Comment.objects.filter(pk=comment.pk).update(status="pending")
        self.client.force_login(self.editor)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                f"{QUEUE}?status=pending",
                {"action": "approve", "_selected_action": [comment.pk]},
            )
        run_worker()
        self.client.logout()


class EditorEmailTests(NotificationTestCase):
    def test_editors_hear_about_a_held_comment_and_why(self):
        self.post(body="Look: http://a.example http://b.example")
        comment = Comment.objects.get()
        [message] = mail.outbox
        assert message.to == ["editor@newsroom.example"]
        assert message.subject == "Held for moderation: Aigerim on “A test article”"
        assert "Aigerim <aigerim@example.com>" in message.body
        assert "- contains 2 links" in message.body
        assert "http://a.example http://b.example" in message.body
        assert f"http://127.0.0.1:8000/admin/comments/comment/{comment.pk}/change/" in (
            message.body
        )

    @override_settings(COMMENTS_NOTIFY_RECIPIENTS=["desk@newsroom.example"])
    def test_the_recipients_are_configurable(self):
        self.post()
        assert mail.outbox[0].to == ["desk@newsroom.example"]

    def test_spam_sends_no_email(self):
        self.post(homepage="bot")
        assert mail.outbox == []

    @override_settings(COMMENTS_MANUAL_APPROVAL=False)
    def test_published_comments_send_no_email_by_default(self):
        self.post()
        assert mail.outbox == []

    @override_settings(
        COMMENTS_MANUAL_APPROVAL=False, COMMENTS_NOTIFY_EVERY_COMMENT=True
    )
    def test_a_setting_sends_an_email_on_every_comment(self):
        self.post()
        assert mail.outbox[0].subject.startswith("New comment (Approved): Aigerim")

    def test_markup_and_header_tricks_stay_plain_text(self):
        self.post(body="<script>alert(1)</script> & co")
        message = mail.outbox[0]
        assert "<script>alert(1)</script> & co" in message.body
        assert "\n" not in message.subject


class ReaderEmailTests(NotificationTestCase):
    def test_a_reader_who_asked_hears_when_their_comment_is_approved(self):
        confirm_address("aigerim@example.com")
        self.post(notify_replies="on")
        comment = Comment.objects.get()
        assert comment.notify_replies
        mail.outbox.clear()
        self.approve(comment)
        [message] = mail.outbox
        assert message.to == ["aigerim@example.com"]
        assert message.subject == "Your comment on “A test article” is published"
        assert f"http://127.0.0.1:8000/comments/{comment.pk}/" in message.body
        assert "/comments/unsubscribe/" in message.body
        assert message.extra_headers["List-Unsubscribe-Post"] == (
            "List-Unsubscribe=One-Click"
        )

    def test_no_email_without_the_tick(self):
        self.post()
        mail.outbox.clear()
        self.approve(Comment.objects.get())
        assert mail.outbox == []

    def test_an_approved_reply_notifies_the_parent_author(self):
        parent = make_comment(
            self.article, author_email="parent@example.com", notify_replies=True
        )
        confirm_address("parent@example.com")
        self.post(parent=parent.pk, body="I disagree")
        mail.outbox.clear()
        self.approve(Comment.objects.get(body="I disagree"))
        [message] = mail.outbox
        assert message.to == ["parent@example.com"]
        assert message.subject == "Aigerim replied to your comment on “A test article”"
        assert "I disagree" in message.body

    def test_a_pending_reply_notifies_nobody_yet(self):
        parent = make_comment(self.article, notify_replies=True)
        confirm_address(parent.author_email)
        self.post(parent=parent.pk)
        assert [m.to for m in mail.outbox] == [["editor@newsroom.example"]]


class BrokenMailTests(NotificationTestCase):
    @override_settings(EMAIL_BACKEND="tests.comments.test_notifications.BrokenBackend")
    def test_a_mail_server_that_is_down_loses_no_comment(self):
        with self.assertLogs("comments.tasks", "WARNING") as logs:
            response = self.post()
        assert response.status_code == 302
        assert Comment.objects.get().status == "pending"
        assert "Email to editor@newsroom.example failed (attempt 1)" in logs.output[0]


class DoubleOptInTests(NotificationTestCase):
    def confirmation(self):
        [message] = [m for m in mail.outbox if m.to == ["aigerim@example.com"]]
        return message

    def confirm_link(self):
        found = re.search(
            r"http://127.0.0.1:8000(/comments/confirm/\S+)", self.confirmation().body
        )
        return found.group(1)

    def test_ticking_notify_sends_one_confirmation_email_with_a_link(self):
        self.post(notify_replies="on")
        message = self.confirmation()
        assert message.subject == (
            "Confirm that you want emails about follow-up comments"
        )
        assert self.confirm_link().startswith("/comments/confirm/")
        assert "If it was not you, ignore this email" in message.body

    def test_nothing_else_reaches_an_unconfirmed_address(self):
        self.post(notify_replies="on")
        mine = Comment.objects.get()
        mail.outbox.clear()
        self.approve(mine)
        reply = make_comment(self.article, parent=mine, author_email="b@example.com")
        self.approve(reply)
        assert [m.to for m in mail.outbox] == []

    def test_at_most_one_confirmation_a_day(self):
        self.post(notify_replies="on")
        self.post(notify_replies="on", body="Again")
        self.post(
            notify_replies="on", body="And again", author_email="AIGERIM@example.com"
        )
        assert len([m for m in mail.outbox if "Confirm" in m.subject]) == 1
        tomorrow = timezone.now() + timedelta(days=1, minutes=1)
        with mock.patch("django.utils.timezone.now", return_value=tomorrow):
            self.post(notify_replies="on", body="A day later")
        assert len([m for m in mail.outbox if "Confirm" in m.subject]) == 2

    def test_no_confirmation_without_the_tick_or_for_spam(self):
        self.post()
        self.post(notify_replies="on", homepage="bot", body="Spam")
        assert not [m for m in mail.outbox if "Confirm" in m.subject]

    def test_opening_the_link_shows_a_button_and_confirms_nothing(self):
        self.post(notify_replies="on")
        page = self.client.get(self.confirm_link())
        self.assertContains(page, "Send emails about follow-up comments to")
        self.assertContains(page, "Yes, send me follow-ups")
        assert not NotificationAddress.objects.confirmed().exists()

    def test_pressing_the_button_confirms_and_follow_ups_flow(self):
        self.post(notify_replies="on")
        client = self.client_class(enforce_csrf_checks=True)
        page = client.get(self.confirm_link())
        token = page.context["csrf_token"]
        response = client.post(self.confirm_link(), {"csrfmiddlewaretoken": token})
        self.assertContains(response, "Your address is confirmed")
        assert NotificationAddress.objects.confirmed().count() == 1
        mail.outbox.clear()
        self.approve(Comment.objects.get())
        assert [m.to for m in mail.outbox] == [["aigerim@example.com"]]

    def test_a_confirmed_address_gets_no_more_confirmations(self):
        confirm_address("aigerim@example.com")
        self.post(notify_replies="on")
        assert not [m for m in mail.outbox if "Confirm" in m.subject]

    def test_erasing_the_readers_data_forgets_the_address(self):
        confirm_address("aigerim@example.com")
        personal_data_erase(
            email="Aigerim@example.com", delete_text=False, user=self.editor
        )
        assert not NotificationAddress.objects.exists()

    def test_expired_and_forged_confirmation_links_are_refused(self):
        self.post(notify_replies="on")
        link = self.confirm_link()
        later = time.time() + 31 * 86400
        with mock.patch("time.time", return_value=later):
            response = self.client.post(link)
        self.assertContains(response, "has expired", status_code=400)
        response = self.client.post("/comments/confirm/1:forged/")
        self.assertContains(response, "This link does not work", status_code=400)
        assert not NotificationAddress.objects.confirmed().exists()


class UnsubscribeTests(NotificationTestCase):
    def link(self, comment):
        return f"/comments/unsubscribe/{unsubscribe_token(comment)}/"

    def test_opening_the_link_shows_a_button_and_changes_nothing(self):
        parent = make_comment(self.article, notify_replies=True)
        response = self.client.get(self.link(parent))
        self.assertContains(response, "Stop the emails about comments on")
        self.assertContains(
            response, '<button type="submit">Unsubscribe</button>', html=True
        )
        parent.refresh_from_db()
        assert parent.notify_replies

    def test_the_button_unsubscribes_the_address_on_the_article(self):
        parent = make_comment(self.article, notify_replies=True)
        other = make_comment(
            self.article, author_email="READER@example.com", notify_replies=True
        )
        stranger = make_comment(
            self.article, author_email="else@example.com", notify_replies=True
        )
        client = self.client_class(enforce_csrf_checks=True)
        response = client.post(self.link(parent), {"List-Unsubscribe": "One-Click"})
        self.assertContains(response, "You will get no more emails about comments on")
        assert not Comment.objects.filter(
            pk__in=[parent.pk, other.pk], notify_replies=True
        )
        stranger.refresh_from_db()
        assert stranger.notify_replies

    def test_one_click_unsubscribe_by_post_from_a_mail_client(self):
        parent = make_comment(self.article, notify_replies=True)
        client = self.client_class(enforce_csrf_checks=True)
        response = client.post(
            self.link(parent),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        parent.refresh_from_db()
        assert not parent.notify_replies

    def test_the_link_works_for_a_year_then_says_it_expired(self):
        parent = make_comment(self.article, notify_replies=True)
        link = self.link(parent)
        now = time.time()
        with mock.patch("time.time", return_value=now + 364 * 86400):
            assert self.client.get(link).status_code == 200
        with mock.patch("time.time", return_value=now + 366 * 86400):
            response = self.client.post(link, {"List-Unsubscribe": "One-Click"})
        self.assertContains(response, "has expired", status_code=400)
        parent.refresh_from_db()
        assert parent.notify_replies

    def test_the_link_is_for_the_address_it_was_made_for(self):
        parent = make_comment(self.article, notify_replies=True)
        link = self.link(parent)
        parent.author_email = "new-owner@example.com"
        parent.save()
        response = self.client.post(link)
        self.assertContains(response, "This link does not work", status_code=400)
        parent.refresh_from_db()
        assert parent.notify_replies

    def test_forged_and_old_style_links_are_refused(self):
        parent = make_comment(self.article, notify_replies=True)
        old_style = signing.dumps(parent.pk, salt="comments.unsubscribe")
        for token in (
            "1:forged",
            old_style,
            signing.dumps("x", salt="comments.unsubscribe.v2"),
        ):
            response = self.client.post(f"/comments/unsubscribe/{token}/")
            self.assertContains(response, "This link does not work", status_code=400)
