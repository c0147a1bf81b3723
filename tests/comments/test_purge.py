"""Empty Spam, Empty Trash and the automatic purge of old spam and trash."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from comments.models import Comment, Decision
from comments.purge import purge_expired
from comments.services import comment_moderate
from tests.comments.base import EditorTestCase
from tests.factories import make_article, make_comment, make_editor

QUEUE = "/admin/comments/comment/"


class EmptyTests(EditorTestCase):
    def test_the_trash_tab_links_to_empty_trash(self):
        response = self.client.get(QUEUE + "?status=trash")
        self.assertContains(response, f'href="{QUEUE}empty/trash/">Empty Trash</a>')
        self.assertNotContains(self.client.get(QUEUE), "Empty Trash")

    def test_the_confirmation_names_the_count_and_changes_nothing(self):
        for _ in range(3):
            make_comment(self.article, status="trash")
        response = self.client.get(QUEUE + "empty/trash/")
        self.assertContains(response, "Delete 3 comments in the trash for good?")
        assert Comment.objects.count() == 3

    def test_emptying_the_trash_deletes_only_the_trash_and_records_it(self):
        make_comment(self.article, status="trash", body="Gone")
        kept = make_comment(self.article, status="spam", body="Spam stays")
        response = self.client.post(QUEUE + "empty/trash/", follow=True)
        self.assertContains(response, "1 comment in the trash deleted for good.")
        assert list(Comment.objects.all()) == [kept]
        decision = Decision.objects.get()
        assert (decision.comment, decision.from_status, decision.to_status) == (
            None,
            "trash",
            "",
        )
        assert (decision.user, decision.source) == (self.editor, "empty")
        assert str(decision).startswith("Deleted by editor, ")

    def test_a_deleted_comment_s_replies_keep_their_place(self):
        parent = make_comment(self.article, status="spam", body="Buy pills")
        reply = make_comment(self.article, parent=parent, body="Reported, thanks")
        self.client.post(QUEUE + "empty/spam/")
        parent.refresh_from_db()
        assert (parent.is_removed, parent.body, parent.status) == (
            True,
            "",
            "approved",
        )
        assert parent.author_email == ""
        page = self.client.get(self.article.get_absolute_url()).content.decode()
        assert page.index("This comment was deleted.") < page.index("Reported, thanks")
        assert Comment.objects.get(pk=reply.pk).parent_id == parent.pk

    def test_an_unknown_status_is_not_found(self):
        assert self.client.get(QUEUE + "empty/approved/").status_code == 404

    def test_staff_outside_editors_cannot_empty(self):
        make_comment(self.article, status="trash")
        outsider = make_editor("outsider")
        outsider.groups.clear()
        self.client.force_login(outsider)
        assert self.client.post(QUEUE + "empty/trash/").status_code == 403
        assert Comment.objects.exists()


@override_settings(COMMENTS_PURGE_AFTER_DAYS=30)
class PurgeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.editor = make_editor()

    def trashed(self, days_ago, status="trash"):
        comment = make_comment(
            self.article,
            status="pending",
            submitted_at=timezone.now() - timedelta(days=days_ago + 5),
        )
        comment_moderate(
            comments=Comment.objects.filter(pk=comment.pk),
            status=status,
            user=self.editor,
        )
        comment.decisions.update(created_at=timezone.now() - timedelta(days=days_ago))
        return comment

    def test_spam_and_trash_past_the_period_are_deleted_counting_from_the_decision(
        self,
    ):
        self.trashed(31)
        self.trashed(40, status="spam")
        recent = self.trashed(29)
        waiting = make_comment(
            self.article,
            status="pending",
            submitted_at=timezone.now() - timedelta(days=90),
        )
        assert purge_expired() == 2
        assert set(Comment.objects.all()) == {recent, waiting}
        purged = Decision.objects.filter(actor="purge")
        assert purged.count() == 2
        assert set(purged.values_list("source", flat=True)) == {"command"}

    def test_the_command_is_safe_to_run_twice(self):
        self.trashed(31)
        out = StringIO()
        call_command("purge_comments", stdout=out)
        assert "Deleted 1 spam or trashed comment(s) older than 30 days." in (
            out.getvalue()
        )
        out = StringIO()
        call_command("purge_comments", stdout=out)
        assert "Deleted 0 " in out.getvalue()

    @override_settings(COMMENTS_PURGE_AFTER_DAYS=0)
    def test_zero_days_purges_nothing(self):
        self.trashed(300)
        assert purge_expired() == 0
