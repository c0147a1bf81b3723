from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError
from django.test import TestCase, override_settings
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, Discussion
from tests.factories import (
    approve,
    comment_data,
    make_article,
    make_comment,
    make_editor,
    make_page_discussion,
)

PAGE_URL = "https://elsewhere.example/story"


class ForObjectTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def test_the_first_use_creates_the_discussion_and_later_ones_find_it(self):
        first = Discussion.objects.for_object(self.article)
        assert Discussion.objects.for_object(self.article) == first
        assert first.content_type == ContentType.objects.get_for_model(Article)
        assert first.object_id == str(self.article.pk)
        assert first.title == "A test article"
        assert first.published_at == self.article.published_at

    def test_it_leads_to_its_host_page(self):
        discussion = Discussion.objects.for_object(self.article)
        assert discussion.get_absolute_url() == "/articles/a-test-article/"
        assert discussion.get_comment_page_url(2) == (
            "/articles/a-test-article/comment-page-2/"
        )

    def test_a_draft_host_has_a_discussion_nobody_reaches(self):
        draft = make_article(slug="draft", status=Article.Status.DRAFT)
        discussion = Discussion.objects.for_object(draft)
        assert discussion.published_at is None
        assert not Discussion.objects.public().filter(pk=discussion.pk).exists()

    def test_one_discussion_per_object(self):
        discussion = Discussion.objects.for_object(self.article)
        with self.assertRaises(IntegrityError):
            Discussion.objects.create(
                content_type=discussion.content_type, object_id=discussion.object_id
            )


class ForPageTests(TestCase):
    def test_the_url_is_normalised_so_one_page_has_one_discussion(self):
        first = Discussion.objects.for_page(
            url="HTTPS://Elsewhere.EXAMPLE/Story?id=3#comments", title="A story"
        )
        again = Discussion.objects.for_page(
            url="https://elsewhere.example/Story?id=3", title="Renamed"
        )
        assert again == first
        assert first.url == "https://elsewhere.example/Story?id=3"
        assert first.title == "A story"
        assert first.get_absolute_url() == "https://elsewhere.example/Story?id=3"

    def test_its_thread_pages_are_on_the_comments_site(self):
        discussion = make_page_discussion()
        site = f"/discussions/{discussion.pk}/"
        assert discussion.get_comment_page_url(1) == site
        assert discussion.get_comment_page_url(3) == f"{site}?comment-page=3"

    def test_a_discussion_hangs_on_an_object_or_a_page_never_both(self):
        kind = ContentType.objects.get_for_model(Article)
        with self.assertRaises(IntegrityError):
            Discussion.objects.create(content_type=kind, object_id="1", url=PAGE_URL)


class ClosingTests(TestCase):
    def test_a_closing_date_closes_it(self):
        discussion = make_page_discussion()
        assert discussion.accepts_comments
        discussion.closes_at = timezone.now() - timedelta(minutes=1)
        assert discussion.is_closed

    @override_settings(COMMENTS_CLOSE_AFTER_DAYS=30)
    def test_by_age_it_closes_counted_from_publication(self):
        old = make_article(published_at=timezone.now() - timedelta(days=31))
        assert Discussion.objects.for_object(old).is_closed
        assert not make_page_discussion().is_closed


@override_settings(COMMENTS_FLOOD_SECONDS=0, COMMENTS_MIN_FORM_SECONDS=0)
class DiscussionPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.discussion = make_page_discussion()
        cls.url = f"/discussions/{cls.discussion.pk}/"
        make_comment(cls.discussion, body="Words from elsewhere")
        make_comment(cls.discussion, body="Unseen words", status="pending")

    def test_it_shows_the_thread_and_the_form(self):
        page = self.client.get(self.url)
        self.assertContains(page, "Comments on “A story”")
        self.assertContains(page, "Words from elsewhere")
        self.assertNotContains(page, "Unseen words")
        self.assertContains(page, "Leave a Reply")
        self.assertContains(page, f'action="{self.url}#respond"')
        self.assertContains(page, f'href="{PAGE_URL}"')

    def test_a_reader_posts_and_sees_the_comment_awaiting_moderation(self):
        data = comment_data(self.client.get(self.url), body="From the frame")
        response = self.client.post(self.url, data)
        comment = Comment.objects.get(body="From the frame")
        assert comment.discussion == self.discussion
        self.assertRedirects(response, f"{self.url}#comment-{comment.pk}")
        page = self.client.get(self.url)
        self.assertContains(page, "From the frame")
        self.assertContains(page, "Your comment is awaiting moderation.")

    def test_a_bad_post_stays_on_the_page_with_its_text(self):
        data = comment_data(self.client.get(self.url), body="Kept text")
        data["captcha_1"] = "wrong"
        response = self.client.post(self.url, data)
        self.assertContains(response, "Kept text", status_code=400)
        self.assertContains(response, "Comments on “A story”", status_code=400)

    def test_the_page_is_cached_until_an_approval_changes_it(self):
        self.client.get(self.url)
        with self.assertNumQueries(1):  # the version, read with the discussion
            self.assertNotContains(self.client.get(self.url), "Unseen words")
        approve(Comment.objects.get(body="Unseen words"))
        self.assertContains(self.client.get(self.url), "Unseen words")

    def test_a_closed_discussion_refuses_posts(self):
        Discussion.objects.filter(pk=self.discussion.pk).update(comments_open=False)
        page = self.client.get(self.url)
        self.assertContains(page, "Comments are closed.")
        response = self.client.post(self.url, {"body": "Late"})
        self.assertContains(response, "Comments are closed.", status_code=403)

    def test_an_unknown_discussion_is_not_found(self):
        assert self.client.get("/discussions/999999/").status_code == 404

    def test_its_feed_lists_its_approved_comments(self):
        feed = self.client.get(f"{self.url}feed/")
        self.assertContains(feed, "Words from elsewhere")
        self.assertNotContains(feed, "Unseen words")

    def test_permalinks_lead_to_the_page_holding_the_comment(self):
        comment = Comment.objects.get(body="Words from elsewhere")
        response = self.client.get(f"/comments/{comment.pk}/")
        self.assertRedirects(response, f"{self.url}#comment-{comment.pk}")


class QueueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.discussion = make_page_discussion()
        make_comment(cls.discussion, body="Held elsewhere", status="pending")
        make_comment(make_article(), body="Held here", status="pending")

    def test_the_queue_shows_an_external_page_with_its_url(self):
        self.client.force_login(make_editor())
        response = self.client.get("/admin/comments/comment/")
        self.assertContains(response, "Held elsewhere")
        self.assertContains(response, PAGE_URL)
        self.assertContains(response, "A test article")
        filtered = self.client.get(
            f"/admin/comments/comment/?discussion__id__exact={self.discussion.pk}"
        )
        self.assertContains(filtered, "Held elsewhere")
        self.assertNotContains(filtered, "Held here")
