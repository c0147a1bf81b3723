"""One click decides on a comment: in the queue, on its page, from an email."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import TestCase

from comments.models import Comment, Decision
from comments.services import comment_submit
from tests.factories import (
    discussion_for,
    make_article,
    make_comment,
    make_editor,
    run_worker,
)

QUEUE = "/admin/comments/comment/"


def decide_url(comment):
    return f"{QUEUE}{comment.pk}/decide/"


class RowButtonTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.comment = make_comment(cls.article, status="pending", body="Held words")
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def test_each_row_has_approve_spam_and_trash_buttons(self):
        response = self.client.get(QUEUE)
        for value, label in [
            ("approved", "Approve"),
            ("spam", "Spam"),
            ("trash", "Trash"),
        ]:
            self.assertContains(
                response,
                f'<button type="submit" class="button desk-decision desk-{value}" '
                f'name="status" value="{value}" '
                f'formaction="{decide_url(self.comment)}">{label}',
            )

    def test_the_buttons_post_the_queue_s_form_with_its_page(self):
        response = self.client.get(QUEUE + "?status=pending&q=Held")
        self.assertContains(
            response,
            '<input type="hidden" name="next" '
            'value="/admin/comments/comment/?status=pending&amp;q=Held">',
            html=True,
        )

    def test_one_click_decides_and_returns_to_the_same_filtered_page(self):
        back = QUEUE + "?status=pending&q=Held"
        response = self.client.post(
            decide_url(self.comment), {"status": "spam", "next": back}
        )
        self.assertRedirects(response, back, fetch_redirect_response=False)
        self.comment.refresh_from_db()
        assert self.comment.status == "spam"
        self.assertContains(self.client.get(back), "1 comment marked as spam.")
        decision = Decision.objects.get()
        assert decision.user == self.editor
        assert (decision.from_status, decision.to_status) == ("pending", "spam")
        assert decision.source == "button"

    def test_approving_with_one_click_publishes_the_comment(self):
        self.client.post(decide_url(self.comment), {"status": "approved"})
        self.assertContains(
            self.client.get(self.article.get_absolute_url()), "Held words"
        )

    def test_a_foreign_next_address_is_ignored(self):
        response = self.client.post(
            decide_url(self.comment),
            {"status": "trash", "next": "https://evil.example/"},
        )
        self.assertRedirects(response, QUEUE, fetch_redirect_response=False)

    def test_an_unknown_decision_changes_nothing(self):
        response = self.client.post(decide_url(self.comment), {"status": "deleted"})
        assert response.status_code == 400
        self.assertContains(response, "Choose approve, spam or trash.", status_code=400)
        self.comment.refresh_from_db()
        assert self.comment.status == "pending"

    def test_the_queue_lists_its_keyboard_shortcuts(self):
        response = self.client.get(QUEUE)
        self.assertContains(response, "Keyboard shortcuts")
        self.assertContains(response, "comments/queue.js")
        for key in "jkasto":
            self.assertContains(response, f"<kbd>{key}</kbd>")


class PermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.comment = make_comment(make_article(), status="pending")
        cls.viewer = get_user_model().objects.create_user(
            "viewer", password="a-long-test-password", is_staff=True
        )

    def test_staff_without_the_moderate_permission_get_no_buttons_and_no_decision(
        self,
    ):
        self.viewer.user_permissions.add(
            Permission.objects.get(codename="view_comment")
        )
        self.client.force_login(self.viewer)
        page = self.client.get(QUEUE)
        assert page.status_code == 200
        self.assertNotContains(page, "desk-decision")
        response = self.client.post(decide_url(self.comment), {"status": "approved"})
        assert response.status_code == 403
        self.comment.refresh_from_db()
        assert self.comment.status == "pending"

    def test_anonymous_visitors_are_sent_to_log_in_first(self):
        response = self.client.get(decide_url(self.comment))
        self.assertRedirects(
            response,
            f"/admin/login/?next={decide_url(self.comment)}",
            fetch_redirect_response=False,
        )


class EmailLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.editor = make_editor()

    def held_comment(self):
        with self.captureOnCommitCallbacks(execute=True):
            comment = comment_submit(
                discussion=discussion_for(self.article),
                data={
                    "author_name": "Aigerim",
                    "author_email": "aigerim@example.com",
                    "author_url": "",
                    "body": "Blockchain will not fix sanctions.",
                    "parent_id": None,
                    "notify_replies": False,
                },
                ip_address="203.0.113.5",
                user_agent="test",
            )
        run_worker()
        return comment

    def test_the_email_links_a_one_click_page(self):
        comment = self.held_comment()
        [message] = mail.outbox
        assert (
            "Approve, mark as spam or trash it in one click: "
            f"http://127.0.0.1:8000{decide_url(comment)}"
        ) in message.body

    def test_the_page_shows_the_comment_and_three_buttons_and_changes_nothing(self):
        comment = self.held_comment()
        self.client.force_login(self.editor)
        response = self.client.get(decide_url(comment))
        self.assertContains(response, "Blockchain will not fix sanctions.")
        self.assertContains(response, "held for manual approval")
        for value in ("approved", "spam", "trash"):
            self.assertContains(response, f'name="status" value="{value}"')
        self.assertContains(response, 'name="csrfmiddlewaretoken"')
        comment.refresh_from_db()
        assert comment.status == "pending"
        assert not Decision.objects.filter(actor="editor").exists()

    def test_one_click_on_the_page_decides_and_opens_the_queue(self):
        comment = self.held_comment()
        self.client.force_login(self.editor)
        response = self.client.post(
            decide_url(comment), {"status": "approved"}, follow=True
        )
        self.assertRedirects(response, QUEUE)
        self.assertContains(response, "1 comment approved.")
        assert Comment.objects.get().status == "approved"

    def test_the_page_refuses_a_get_that_would_change_data(self):
        comment = self.held_comment()
        self.client.force_login(self.editor)
        self.client.get(decide_url(comment), {"status": "spam"})
        comment.refresh_from_db()
        assert comment.status == "pending"
