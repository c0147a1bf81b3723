from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from comments.models import Comment, Keyword

from .base import URL, PostingTestCase


@override_settings(COMMENTS_MANUAL_APPROVAL=False)
class EditWindowTests(PostingTestCase):
    def posted(self, **overrides):
        self.post(**overrides)
        return Comment.objects.latest("pk")

    def test_the_author_sees_an_edit_link_and_changes_the_text(self):
        comment = self.posted(body="Typo hre")
        page = self.client.get(URL)
        self.assertContains(page, f'href="/comments/{comment.pk}/edit/"')
        form = self.client.get(f"/comments/{comment.pk}/edit/")
        self.assertContains(form, "Typo hre</textarea>")
        response = self.client.post(
            f"/comments/{comment.pk}/edit/", {"body": "Typo *here*"}
        )
        assert response.status_code == 302
        comment.refresh_from_db()
        assert comment.body == "Typo *here*"
        assert comment.body_html == "<p>Typo <em>here</em></p>"
        assert comment.edited_at is not None
        assert comment.status == Comment.Status.APPROVED
        html = self.client.get(URL).content.decode()
        assert "<em>here</em>" in html
        assert 'class="comment-edited"' in html

    def test_an_edit_that_trips_a_rule_is_held_again(self):
        comment = self.posted()
        Keyword.objects.create(kind=Keyword.Kind.MODERATE, term="casino")
        self.client.post(f"/comments/{comment.pk}/edit/", {"body": "Visit the casino"})
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PENDING
        assert comment.reasons.get().code == "moderation_term"
        self.client.cookies.clear()
        self.assertNotContains(self.client.get(URL), "casino")

    def test_an_empty_edit_is_refused_with_the_form_back(self):
        comment = self.posted()
        response = self.client.post(f"/comments/{comment.pk}/edit/", {"body": "  "})
        self.assertContains(response, "Please write a comment.", status_code=400)

    def test_another_browser_cannot_edit(self):
        comment = self.posted(body="Mine")
        self.client.cookies.clear()
        self.assertNotContains(self.client.get(URL), "/edit/")
        response = self.client.post(f"/comments/{comment.pk}/edit/", {"body": "x"})
        assert response.status_code == 403
        comment.refresh_from_db()
        assert comment.body == "Mine"

    def test_after_the_window_the_link_is_gone_and_edits_are_refused(self):
        comment = self.posted(body="Mine")
        Comment.objects.filter(pk=comment.pk).update(
            submitted_at=timezone.now() - timedelta(minutes=16)
        )
        self.assertNotContains(self.client.get(URL), "/edit/")
        response = self.client.post(f"/comments/{comment.pk}/edit/", {"body": "x"})
        self.assertContains(response, "can no longer be changed", status_code=403)

    def test_the_author_can_delete_within_the_window(self):
        comment = self.posted(body="Regret this")
        response = self.client.post(f"/comments/{comment.pk}/delete/")
        assert response.status_code == 302
        comment.refresh_from_db()
        assert comment.status == Comment.Status.TRASH
        self.assertNotContains(self.client.get(URL), "Regret this")


class PendingEditTests(PostingTestCase):
    def test_a_pending_comment_can_be_edited_and_stays_pending(self):
        self.post(body="First go")
        comment = Comment.objects.get()
        self.assertContains(self.client.get(URL), f"/comments/{comment.pk}/edit/")
        self.client.post(f"/comments/{comment.pk}/edit/", {"body": "Second go"})
        comment.refresh_from_db()
        assert (comment.body, comment.status) == ("Second go", "pending")
        self.assertContains(self.client.get(URL), "Second go")
