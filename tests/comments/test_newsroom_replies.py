"""Editors answer readers as the newsroom, from a comment's admin page."""

import os
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from comments.models import Comment, Decision
from tests.factories import (
    confirm_address,
    make_article,
    make_comment,
    make_editor,
    run_worker,
)

QUEUE = "/admin/comments/comment/"


class NewsroomReplyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.question = make_comment(
            cls.article,
            body="Which exchanges are affected?",
            author_name="Daniyar",
            author_email="daniyar@example.com",
            notify_replies=True,
        )
        confirm_address("daniyar@example.com")
        cls.editor = make_editor()
        cls.editor.first_name, cls.editor.last_name = "Mira", "Sokolova"
        cls.editor.save()

    def setUp(self):
        self.client.force_login(self.editor)

    def reply(self, comment, body="The list is in the second paragraph."):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                f"{QUEUE}{comment.pk}/reply/", {"body": body}, follow=True
            )
        run_worker()
        return response

    def test_the_comment_page_offers_a_reply_as_the_newsroom(self):
        response = self.client.get(f"{QUEUE}{self.question.pk}/change/")
        self.assertContains(response, "Reply as the newsroom")
        self.assertContains(response, "as Mira Sokolova, with a “Newsroom” badge")
        self.assertContains(response, f'action="{QUEUE}{self.question.pk}/reply/"')

    def test_the_reply_is_published_at_once_under_the_editor_s_name(self):
        response = self.reply(self.question)
        self.assertContains(response, "Your reply is published.")
        reply = Comment.objects.get(by_newsroom=True)
        assert reply.status == "approved"
        assert reply.parent == self.question
        assert reply.author_name == "Mira Sokolova"
        assert reply.author_email == "editor@newsroom.example"
        page = self.client.get(self.article.get_absolute_url())
        self.assertContains(page, "The list is in the second paragraph.")
        self.assertContains(page, '<span class="badge-newsroom">Newsroom</span>')
        self.assertContains(page, "comment-newsroom")

    def test_the_reader_who_asked_hears_about_the_reply(self):
        self.reply(self.question)
        [message] = mail.outbox
        assert message.to == ["daniyar@example.com"]
        assert message.subject == (
            "Mira Sokolova replied to your comment on “A test article”"
        )
        assert "The list is in the second paragraph." in message.body

    def test_the_history_records_who_wrote_it(self):
        self.reply(self.question)
        decision = Decision.objects.get()
        assert decision.user == self.editor
        assert decision.source == "reply"
        assert decision.comment == Comment.objects.get(by_newsroom=True)

    def test_replying_to_a_held_comment_approves_it(self):
        held = make_comment(self.article, status="pending", body="Is this true?")
        page = self.client.get(f"{QUEUE}{held.pk}/change/")
        self.assertContains(page, "Approve and publish reply")
        self.reply(held)
        held.refresh_from_db()
        assert held.status == "approved"
        assert Comment.objects.get(by_newsroom=True).parent == held
        assert Decision.objects.count() == 2

    def test_the_thread_depth_limit_holds_for_newsroom_replies(self):
        parent = self.question
        with self.settings(COMMENTS_THREAD_DEPTH=2):
            deep = make_comment(self.article, parent=parent, body="Deep")
            self.reply(deep)
        assert Comment.objects.get(by_newsroom=True).parent == parent

    def test_an_empty_reply_is_refused_with_a_message(self):
        response = self.reply(self.question, body="   ")
        self.assertContains(response, "Write a reply before publishing it.")
        assert not Comment.objects.filter(by_newsroom=True).exists()

    def test_staff_outside_editors_cannot_reply(self):
        outsider = make_editor("outsider")
        outsider.groups.clear()
        self.client.force_login(outsider)
        response = self.client.post(
            f"{QUEUE}{self.question.pk}/reply/", {"body": "Hello"}
        )
        assert response.status_code == 403
        assert not Comment.objects.filter(by_newsroom=True).exists()

    def test_a_get_publishes_nothing(self):
        response = self.client.get(f"{QUEUE}{self.question.pk}/reply/")
        assert response.status_code == 405


class DisplayNameTests(TestCase):
    """Replies are signed with the editor's display name, never the login."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.question = make_comment(cls.article, body="Why?")
        cls.editor = make_editor("mira.s")

    def setUp(self):
        self.client.force_login(self.editor)

    def reply(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"{QUEUE}{self.question.pk}/reply/", {"body": "Because."})
        return Comment.objects.get(by_newsroom=True)

    def test_without_a_name_the_reply_is_signed_newsroom_not_the_login(self):
        page = self.client.get(f"{QUEUE}{self.question.pk}/change/")
        self.assertContains(page, "as Newsroom, with a “Newsroom” badge")
        reply = self.reply()
        assert reply.author_name == "Newsroom"
        article_page = self.client.get(self.article.get_absolute_url())
        self.assertNotContains(article_page, "mira.s")

    def test_the_editor_sets_a_display_name_in_the_admin(self):
        page = self.client.get("/admin/")
        self.assertContains(page, 'href="/admin/comments/comment/signature/"')
        response = self.client.post(
            "/admin/comments/comment/signature/",
            {"display_name": "Mira, science desk"},
            follow=True,
        )
        self.assertContains(response, "Your display name is saved.")
        self.assertContains(response, 'value="Mira, science desk"')
        assert self.reply().author_name == "Mira, science desk"

    def test_an_empty_display_name_is_refused(self):
        response = self.client.post(
            "/admin/comments/comment/signature/", {"display_name": "  "}
        )
        self.assertContains(response, "This field is required.")

    def test_create_editor_sets_the_display_name(self):
        with mock.patch.dict(
            os.environ, {"NEWSROOM_EDITOR_PASSWORD": "a-long-pass-42"}
        ):
            call_command(
                "create_editor",
                "mira.s",
                display_name="Mira Sokolova",
                interactive=False,
                stdout=StringIO(),
            )
        self.editor.refresh_from_db()  # a new password ends the session
        self.client.force_login(self.editor)
        assert self.reply().author_name == "Mira Sokolova"


class CommentPageTests(TestCase):
    """A comment's admin page: its conversation, its author, why it was held."""

    @classmethod
    def setUpTestData(cls):
        article = make_article()
        cls.parent = make_comment(article, body="The parent", author_name="Ruslan")
        cls.comment = make_comment(
            article,
            parent=cls.parent,
            status="pending",
            body="The comment",
            author_email="Aigerim@Example.com",
            ip_address="203.0.113.9",
        )
        cls.comment.reasons.create(code="links", detail="3")
        make_comment(article, parent=cls.comment, status="pending", body="A reply")
        for status in ("approved", "approved", "spam"):
            make_comment(
                article,
                status=status,
                body=f"Same email, {status}",
                author_email="aigerim@example.com",
                ip_address="192.0.2.1",
            )
        make_comment(
            article,
            status="trash",
            body="Same address",
            author_email="else@example.com",
            ip_address="203.0.113.9",
        )
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)
        self.page = self.client.get(f"{QUEUE}{self.comment.pk}/change/")

    def test_it_shows_the_parent_and_the_replies(self):
        self.assertContains(self.page, "In reply to")
        self.assertContains(self.page, f'href="{QUEUE}{self.parent.pk}/change/"')
        self.assertContains(self.page, "The parent")
        self.assertContains(self.page, "1 reply:")
        self.assertContains(self.page, "A reply")

    def test_it_shows_the_author_s_other_comments_by_email_and_by_address(self):
        self.assertContains(self.page, "Same email")
        self.assertContains(self.page, "Approved 2 · Spam 1")
        self.assertContains(self.page, "Same email, spam")
        self.assertContains(self.page, "Same IP address")
        self.assertContains(self.page, "Trash 1")
        self.assertContains(self.page, "Same address")

    def test_it_shows_why_the_comment_was_held(self):
        self.assertContains(self.page, "contains 3 links")

    def test_it_offers_the_one_click_decisions(self):
        self.assertContains(
            self.page, f'action="{QUEUE}{self.comment.pk}/decide/" class="desk-decide"'
        )
