"""Undo after every decision, and Not spam / Restore back to the status before."""

import re
import uuid

from comments.models import Comment, Decision
from comments.services import comment_moderate, comment_undo
from tests.comments.base import EditorTestCase
from tests.factories import discussion_for, make_comment

QUEUE = "/admin/comments/comment/"
UNDO = QUEUE + "undo/"


def undo_form(response):
    """The Undo button's fields, read from the message on the page."""
    html = response.content.decode()
    found = re.search(
        r'<form method="post" action="/admin/comments/comment/undo/" '
        r'class="desk-undo">.*?name="batch" value="([0-9a-f-]+)">'
        r'<input type="hidden" name="next" value="([^"]*)">',
        html,
    )
    assert found, "no Undo button in the message"
    return {"batch": found.group(1), "next": found.group(2).replace("&amp;", "&")}


class UndoTests(EditorTestCase):
    def test_spam_then_undo_from_the_message_puts_the_comment_back(self):
        comment = make_comment(self.article, status="pending")
        back = QUEUE + "?status=pending"
        response = self.client.post(
            f"{QUEUE}{comment.pk}/decide/",
            {"status": "spam", "next": back},
            follow=True,
        )
        self.assertContains(response, "1 comment marked as spam.")
        form = undo_form(response)
        assert form["next"] == back
        response = self.client.post(UNDO, form, follow=True)
        self.assertRedirects(response, back)
        self.assertContains(response, "Undone: 1 comment is back where it was.")
        comment.refresh_from_db()
        assert comment.status == "pending"
        undo = Decision.objects.get(actor="undo")
        assert (undo.from_status, undo.to_status, undo.user) == (
            "spam",
            "pending",
            self.editor,
        )

    def test_undo_after_a_bulk_action_restores_each_comment_s_own_status(self):
        held = make_comment(self.article, status="pending")
        public = make_comment(self.article, status="approved")
        response = self.client.post(
            QUEUE + "?status=all",
            {"action": "trash", "_selected_action": [held.pk, public.pk]},
            follow=True,
        )
        self.assertContains(response, "2 comments moved to the trash.")
        self.client.post(UNDO, undo_form(response))
        assert Comment.objects.get(pk=held.pk).status == "pending"
        assert Comment.objects.get(pk=public.pk).status == "approved"

    def test_a_comment_decided_again_since_is_left_alone(self):
        comment = make_comment(self.article, status="pending")
        response = self.client.post(
            f"{QUEUE}{comment.pk}/decide/", {"status": "spam"}, follow=True
        )
        form = undo_form(response)
        self.client.post(f"{QUEUE}{comment.pk}/decide/", {"status": "approved"})
        response = self.client.post(UNDO, form, follow=True)
        self.assertContains(response, "Undone: 0 comments are back where they were.")
        assert Comment.objects.get(pk=comment.pk).status == "approved"

    def test_undo_of_a_thousand_comments_costs_as_many_queries_as_one(self):
        for size in (1, 1000):
            Comment.objects.bulk_create(
                Comment(
                    discussion=discussion_for(self.article),
                    author_name="Bot",
                    body=f"b{i}",
                )
                for i in range(size)
            )
            batch = uuid.uuid4()
            comment_moderate(
                comments=Comment.objects.pending(),
                status="spam",
                user=self.editor,
                batch=batch,
            )
            with self.assertNumQueries(8):
                assert comment_undo(batch=batch, user=self.editor) == size
            Comment.objects.pending().update(status="trash")

    def test_a_forged_batch_gets_a_message_not_an_error(self):
        response = self.client.post(UNDO, {"batch": "nonsense"}, follow=True)
        self.assertContains(response, "There is no such decision to undo.")


class RestoreTests(EditorTestCase):
    def decide(self, comment, status):
        return self.client.post(
            f"{QUEUE}{comment.pk}/decide/", {"status": status}, follow=True
        )

    def test_spam_and_trash_rows_offer_not_spam_and_restore(self):
        make_comment(self.article, status="spam", body="Junk")
        make_comment(self.article, status="trash", body="Gone")
        self.assertContains(self.client.get(QUEUE + "?status=spam"), ">Not spam<")
        self.assertContains(self.client.get(QUEUE + "?status=trash"), ">Restore<")
        self.assertNotContains(self.client.get(QUEUE), 'name="status" value="restore"')

    def test_restore_goes_back_to_the_status_before_the_trash(self):
        comment = make_comment(self.article, status="approved")
        self.decide(comment, "trash")
        response = self.decide(comment, "restore")
        self.assertContains(response, "1 comment restored to its previous status.")
        assert Comment.objects.get(pk=comment.pk).status == "approved"

    def test_not_spam_without_a_recorded_past_goes_to_pending(self):
        comment = make_comment(self.article, status="spam")
        self.decide(comment, "restore")
        assert Comment.objects.get(pk=comment.pk).status == "pending"

    def test_the_bulk_restore_sends_each_back_where_it_came_from(self):
        held = make_comment(self.article, status="pending")
        public = make_comment(self.article, status="approved")
        self.decide(held, "spam")
        self.decide(public, "spam")
        self.client.post(
            QUEUE + "?status=spam",
            {"action": "restore", "_selected_action": [held.pk, public.pk]},
        )
        assert Comment.objects.get(pk=held.pk).status == "pending"
        assert Comment.objects.get(pk=public.pk).status == "approved"
