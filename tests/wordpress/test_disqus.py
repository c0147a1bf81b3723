"""Importing a Disqus export (its real schema) onto imported WordPress articles."""

import io
from datetime import UTC, datetime
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from articles.models import Article
from comments.models import Comment
from comments.personal_data import personal_data_erase
from tests.factories import make_editor

from .test_import import temp_file
from .test_wordpress61 import import_wxr

DISQUS = Path(__file__).parent / "data" / "disqus.xml"


def import_disqus(path=DISQUS, **options):
    out = io.StringIO()
    call_command("import_disqus", path, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def post(dsq_id):
    return Comment.objects.get(
        wordpress__source="disqus:stepnye-vesti", wordpress__wp_id=dsq_id
    )


@override_settings(NEWSROOM_IP_RETENTION_DAYS=36500)
class DisqusImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        import_wxr()
        Comment.objects.all().delete()
        cls.summit = Article.objects.get(wordpress__wp_id=210)
        cls.weekly = Article.objects.get(wordpress__wp_id=212)
        cls.output = import_disqus()

    def test_threads_are_matched_by_old_permalink_and_by_our_address(self):
        assert post(5100000001).discussion.host == self.summit
        assert post(5100000007).discussion.host == self.weekly
        assert "Threads: 2 matched to articles, 1 matched none." in self.output
        assert "no article for https://vesti.example/tag/blockchain/" in self.output
        assert "1 on threads matching no article" in self.output
        assert not Comment.objects.filter(author_name="Tagged").exists()

    def test_posts_keep_author_email_address_date_and_text(self):
        first = post(5100000001)
        assert first.author_name == "Айгерім"
        assert first.author_email == "aigerim@example.kz"
        assert first.ip_address == "203.0.113.7"
        assert first.submitted_at == datetime(2023, 6, 15, 20, 0, tzinfo=UTC)
        assert first.body == (
            "Керемет! See the report <https://sco.example/report>, then judge."
        )
        assert first.status == Comment.Status.APPROVED

    def test_nested_parents_survive_even_when_a_reply_comes_first(self):
        assert post(5100000001).parent is None
        assert post(5100000002).parent == post(5100000001)
        assert post(5100000003).parent == post(5100000002)
        assert post(5100000006).parent == post(5100000003)

    def test_spam_stays_spam_and_deleted_posts_go_to_the_trash(self):
        assert post(5100000004).status == Comment.Status.SPAM
        assert post(5100000005).status == Comment.Status.TRASH
        page = self.client.get(self.summit.get_absolute_url())
        self.assertNotContains(page, "Cheap pills")
        self.assertNotContains(page, "I said something I regret.")
        self.assertContains(page, "Four deep.")
        assert "Spam: 1 imported as spam. Deleted on Disqus: 1" in self.output

    def test_anonymous_and_registered_authors_are_told_apart(self):
        assert "3 by registered Disqus users" in self.output

    def test_posts_pass_the_comment_forms_rules(self):
        assert post(5100000006).author_email == ""
        assert post(5100000009).author_name == "Mallory"
        assert "comment 5100000006: email 'not an email' is not valid" in self.output
        assert "comment 5100000009: invisible characters removed" in self.output

    def test_running_again_changes_nothing(self):
        output = import_disqus()
        assert "Posts: 0 created, 0 updated, 8 unchanged;" in output
        assert Comment.objects.count() == 8


class DisqusErasureTests(TestCase):
    def test_an_erased_commenter_is_not_brought_back_by_a_reimport(self):
        import_wxr()
        import_disqus()
        personal_data_erase(
            email="aigerim@example.kz", delete_text=False, user=make_editor()
        )
        output = import_disqus()
        assert not Comment.objects.filter(author_email="aigerim@example.kz").exists()
        assert "Left as they are here: 1 posts whose author's data was erased" in (
            output
        )


class DisqusFileTests(TestCase):
    def test_a_file_that_is_not_a_disqus_export_is_refused(self):
        path = temp_file(self, "export.xml", "<rss><channel/></rss>")
        with self.assertRaisesMessage(CommandError, "Not a Disqus export"):
            import_disqus(path)

    def test_a_web_page_gets_the_session_hint(self):
        path = temp_file(self, "export.xml", "<!doctype html><html></html>")
        with self.assertRaisesMessage(CommandError, "your session probably expired"):
            import_disqus(path)

    def test_a_dtd_is_refused(self):
        path = temp_file(
            self,
            "export.xml",
            '<?xml version="1.0"?><!DOCTYPE disqus [<!ENTITY a "b">]><disqus/>',
        )
        with self.assertRaisesMessage(CommandError, "document type declaration"):
            import_disqus(path)
