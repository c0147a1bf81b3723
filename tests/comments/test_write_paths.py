"""Every write path tells cached pages, and only when something public changed.

Each test first caches the article page, then writes as the site does, then
reads the page as a new reader: a write path that forgot to replace the page
version leaves the old page served from the cache, and the test fails.
"""

import io
import tempfile
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client, TestCase, override_settings
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, Decision, PageVersion
from tests.factories import (
    comment_data,
    confirm_address,
    discussion_for,
    make_article,
    make_comment,
    make_editor,
    run_worker,
)

URL = "/articles/a-test-article/"
QUEUE = "/admin/comments/comment/"
SITE_XML = Path(__file__).parent.parent / "wordpress" / "data" / "site.xml"


class WritePathTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.public = make_comment(cls.article, body="Public words", notify_replies=True)
        cls.held = make_comment(cls.article, status="pending", body="Held words")
        cls.editor = make_editor()
        cls.admin = get_user_model().objects.create_superuser(
            "chief", "chief@newsroom.example", "a-long-test-password"
        )

    def setUp(self):
        self.reader = Client()
        self.assertContains(self.page(), "Public words")

    def page(self, url=URL):
        return self.reader.get(url)

    def assert_page_kept(self):
        """The next view is the cached copy: one query checks it, none renders."""
        version = list(PageVersion.objects.values_list("token", flat=True))
        with self.assertNumQueries(1):
            self.page()
        assert list(PageVersion.objects.values_list("token", flat=True)) == version

    def edit_comment(self, comment, user=None, **fields):
        self.client.force_login(user or self.editor)
        data = {
            "status": comment.status,
            "author_name": comment.author_name,
            "author_email": comment.author_email,
            "author_url": comment.author_url,
            "body": comment.body,
            **fields,
        }
        response = self.client.post(f"{QUEUE}{comment.pk}/change/", data)
        assert response.status_code == 302, response.content


class CommentAdminFormTests(WritePathTestCase):
    def test_an_edit_of_a_public_comment_shows_at_once(self):
        self.edit_comment(self.public, body="Edited words")
        page = self.page()
        self.assertContains(page, "Edited words")
        self.assertNotContains(page, "Public words")

    def test_a_status_set_in_the_form_is_a_decision_with_history_and_email(self):
        Comment.objects.filter(pk=self.held.pk).update(notify_replies=True)
        confirm_address(self.held.author_email)
        with self.captureOnCommitCallbacks(execute=True):
            self.edit_comment(self.held, status="approved")
        run_worker()
        self.assertContains(self.page(), "Held words")
        decision = Decision.objects.get(comment=self.held, actor="editor")
        assert (decision.from_status, decision.to_status) == ("pending", "approved")
        assert (decision.user, decision.source) == (self.editor, "admin_form")
        assert mail.outbox[0].subject.startswith("Your comment on")
        self.edit_comment(self.public, status="spam")
        self.assertNotContains(self.page(), "Public words")
        assert Comment.objects.get(pk=self.public.pk).status == "spam"

    def test_an_edit_of_a_held_comment_keeps_the_cached_page(self):
        self.edit_comment(self.held, body="Still held")
        self.assert_page_kept()

    def test_a_deleted_comment_leaves_the_page_at_once(self):
        self.client.force_login(self.admin)
        self.client.post(f"{QUEUE}{self.public.pk}/delete/", {"post": "yes"})
        self.assertNotContains(self.page(), "Public words")


def discussion_inline(article, **fields):
    """The article form's inline of its discussion, as the admin posts it."""
    prefix = "comments-discussion-content_type-object_id"
    return {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1",
        f"{prefix}-0-id": str(discussion_for(article).pk),
        **{f"{prefix}-0-{name}": value for name, value in fields.items()},
    }


class ArticleAdminTests(WritePathTestCase):
    def edit_article(self, **fields):
        self.client.force_login(self.editor)
        published = timezone.localtime(self.article.published_at)
        data = {
            "title": self.article.title,
            "slug": self.article.slug,
            "body": self.article.body,
            "status": self.article.status,
            "language": self.article.language,
            "published_at_0": published.strftime("%Y-%m-%d"),
            "published_at_1": published.strftime("%H:%M:%S"),
            **discussion_inline(self.article, comments_open="on"),
            **fields,
        }
        url = f"/admin/articles/article/{self.article.pk}/change/"
        response = self.client.post(url, data)
        assert response.status_code == 302, response.content

    def test_an_edited_article_shows_at_once(self):
        self.edit_article(
            title="A corrected title",
            **discussion_inline(self.article, comments_open=""),
        )
        page = self.page()
        self.assertContains(page, "A corrected title")
        self.assertContains(page, "Comments are closed.")

    def test_a_slug_given_up_no_longer_serves_the_old_page(self):
        self.edit_article(slug="a-new-address")
        assert self.page().status_code == 404
        self.assertContains(self.page("/articles/a-new-address/"), "Public words")

    def test_a_deleted_article_is_gone_at_once(self):
        self.client.force_login(self.admin)
        self.client.post(
            f"/admin/articles/article/{self.article.pk}/delete/", {"post": "yes"}
        )
        assert self.page().status_code == 404


class ServiceTests(WritePathTestCase):
    def post(self):
        poster = Client()
        return poster.post(f"{URL}comments/", comment_data(poster.get(URL)))

    @override_settings(COMMENTS_MANUAL_APPROVAL=False)
    def test_a_published_post_shows_at_once(self):
        assert self.post().status_code == 302
        self.assertContains(self.page(), "Blockchain will not fix sanctions.")

    def test_a_held_post_keeps_the_cached_page(self):
        assert self.post().status_code == 302
        assert Comment.objects.filter(body__startswith="Blockchain").exists()
        self.assert_page_kept()

    def test_an_editors_reply_shows_at_once(self):
        self.client.force_login(self.editor)
        self.client.post(f"{QUEUE}{self.held.pk}/reply/", {"body": "Our answer"})
        page = self.page()
        self.assertContains(page, "Our answer")
        self.assertContains(page, "Held words")


class CommandTests(WritePathTestCase):
    def call(self, *args):
        call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())

    def test_erasure_shows_at_once(self):
        self.call("erase_personal_data", "reader@example.com", "--by", "chief")
        page = self.page()
        self.assertContains(page, "Anonymous")
        self.assertNotContains(page, "Reader")

    def test_retention_keeps_the_cached_page(self):
        Comment.objects.update(submitted_at=timezone.now() - timedelta(days=400))
        self.call("apply_retention")
        assert Comment.objects.get(pk=self.public.pk).ip_address == "203.0.113.0"
        self.assert_page_kept()

    def test_an_import_and_a_changed_reimport_show_at_once(self):
        url = "/articles/caravans-and-blockchains/"
        self.call("import_wxr", SITE_XML)
        self.assertContains(self.page(url), "Blockchain will not fix sanctions.")
        changed = Path(self.enterContext(tempfile.TemporaryDirectory())) / "new.xml"
        text = SITE_XML.read_text(encoding="utf-8")
        changed.write_text(text.replace("will not fix", "might yet fix"), "utf-8")
        self.call("import_wxr", changed)
        self.assertContains(self.page(url), "Blockchain might yet fix sanctions.")

    def test_a_changed_seed_shows_at_once(self):
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        seed = folder / "first.txt"
        seed.write_text("A seeded article\n\nThe first text.\n", "utf-8")
        self.call("load_seeds", "--dir", folder)
        url = Article.objects.get(seed="first").get_absolute_url()
        self.assertContains(self.page(url), "The first text.")
        seed.write_text("A seeded article\n\nThe second text.\n", "utf-8")
        self.call("load_seeds", "--dir", folder)
        self.assertContains(self.page(url), "The second text.")
