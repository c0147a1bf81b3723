from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import TestCase, override_settings

from comments.models import Comment
from comments.notifications import unsubscribe_token
from tests.factories import (
    comment_data,
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
    def approve(self, comment):
        self.client.force_login(self.editor)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                f"{QUEUE}?status=pending",
                {"action": "approve", "_selected_action": [comment.pk]},
            )
        run_worker()
        self.client.logout()

    def test_a_reader_who_asked_hears_when_their_comment_is_approved(self):
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
        self.post(parent=parent.pk, body="I disagree")
        mail.outbox.clear()
        self.approve(Comment.objects.get(body="I disagree"))
        [message] = mail.outbox
        assert message.to == ["parent@example.com"]
        assert message.subject == "Aigerim replied to your comment on “A test article”"
        assert "I disagree" in message.body

    def test_a_pending_reply_notifies_nobody_yet(self):
        parent = make_comment(self.article, notify_replies=True)
        self.post(parent=parent.pk)
        assert [m.to for m in mail.outbox] == [["editor@newsroom.example"]]

    def test_the_unsubscribe_link_works_and_says_so(self):
        parent = make_comment(self.article, notify_replies=True)
        other = make_comment(
            self.article, author_email="READER@example.com", notify_replies=True
        )
        response = self.client.get(
            f"/comments/unsubscribe/{unsubscribe_token(parent)}/"
        )
        self.assertContains(response, "You will get no more emails about comments on")
        assert not Comment.objects.filter(
            pk__in=[parent.pk, other.pk], notify_replies=True
        )

    def test_one_click_unsubscribe_by_post_from_a_mail_client(self):
        parent = make_comment(self.article, notify_replies=True)
        client = self.client_class(enforce_csrf_checks=True)
        response = client.post(
            f"/comments/unsubscribe/{unsubscribe_token(parent)}/",
            {"List-Unsubscribe": "One-Click"},
        )
        assert response.status_code == 200
        parent.refresh_from_db()
        assert not parent.notify_replies

    def test_a_forged_unsubscribe_link_is_refused(self):
        response = self.client.get("/comments/unsubscribe/1:forged/")
        self.assertContains(response, "This link does not work", status_code=400)


class BrokenMailTests(NotificationTestCase):
    @override_settings(EMAIL_BACKEND="tests.comments.test_notifications.BrokenBackend")
    def test_a_mail_server_that_is_down_loses_no_comment(self):
        with self.assertLogs("newsroom.tasks", "WARNING") as logs:
            response = self.post()
        assert response.status_code == 302
        assert Comment.objects.get().status == "pending"
        assert "Email to editor@newsroom.example failed (attempt 1)" in logs.output[0]
