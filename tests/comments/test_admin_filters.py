"""The queue's counts and filters stay cheap on a large table."""

from datetime import timedelta
from unittest import mock

from django.test import TestCase
from django.utils import timezone

from comments import admin_filters
from comments.models import Comment, Report
from tests.factories import discussion_for, make_article, make_comment, make_editor

QUEUE = "/admin/comments/comment/"


class QueueCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        Comment.objects.bulk_create(
            Comment(
                discussion=discussion_for(cls.article),
                author_name="Reader",
                body=f"Pending number {number}",
                status="pending",
            )
            for number in range(60)
        )
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def test_a_whole_tab_is_paged_by_its_own_count(self):
        # No COUNT of the page's own: the tabs' figures number the pages.
        with self.assertNumQueries(9):
            response = self.client.get(QUEUE + "?status=pending&p=2")
        self.assertContains(response, "60 comments")
        self.assertContains(response, "Pending number 0")
        self.assertNotContains(response, "Pending number 59")

    def test_a_search_is_counted_up_to_the_limit_and_says_so(self):
        with mock.patch.object(admin_filters, "COUNT_LIMIT", 20):
            response = self.client.get(QUEUE, {"q": "Pending number"})
        self.assertContains(response, "20 comments")
        self.assertContains(
            response,
            "The pages show the first 20 comments; search or filter to reach "
            "the others.",
        )
        with mock.patch.object(admin_filters, "COUNT_LIMIT", 60):
            response = self.client.get(QUEUE, {"q": "Pending number"})
        self.assertContains(response, "60 comments")
        self.assertNotContains(response, "The pages show the first")

    def test_tabs_count_up_to_the_limit_and_say_more(self):
        Comment.objects.bulk_create(
            Comment(
                discussion=discussion_for(self.article),
                author_name="R",
                body="Spam",
                status="spam",
            )
            for _ in range(3)
        )
        with (
            mock.patch.object(admin_filters, "TAB_COUNT_LIMIT", 50),
            self.assertNumQueries(9),
        ):
            response = self.client.get(QUEUE)
        for label, count in [("Pending", "50+"), ("Spam", "3"), ("All", "50+")]:
            self.assertContains(
                response,
                f'{label} <span class="desk-tab-count">({count})</span>',
                html=True,
            )
        self.assertContains(response, "More than 50 pending")
        # The pages reach the first 50, and say so.
        self.assertContains(response, "50 comments")
        self.assertContains(response, "The pages show the first 50 comments")

    def test_the_reported_tab_counts_reported_comments_in_the_queue_or_public(self):
        public = make_comment(self.article)
        spam = make_comment(self.article, status="spam")
        dismissed = make_comment(self.article)
        for reporter in ("one", "two"):
            Report.objects.create(comment=public, reason="abusive", reporter=reporter)
        Report.objects.create(comment=spam, reason="abusive", reporter="one")
        Report.objects.create(
            comment=dismissed,
            reason="abusive",
            reporter="one",
            dismissed_at=timezone.now(),
        )
        response = self.client.get(QUEUE + "?status=reported")
        self.assertContains(
            response, 'Reported <span class="desk-tab-count">(1)</span>', html=True
        )
        self.assertContains(response, "1 comment")


class DiscussionFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.articles = [
            make_article(
                title=f"Article number {number}",
                slug=f"article-{number}",
                published_at=now - timedelta(days=number),
            )
            for number in range(12)
        ]
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def test_it_lists_the_latest_discussions_not_every_one(self):
        response = self.client.get(QUEUE)
        self.assertContains(response, "Article number 0")
        self.assertContains(response, "Article number 9")
        self.assertNotContains(response, "Article number 11")

    def test_an_older_chosen_discussion_is_listed_and_filters_the_queue(self):
        oldest = self.articles[-1]
        make_comment(oldest, body="On the oldest one", status="pending")
        make_comment(self.articles[0], body="On the newest one", status="pending")
        response = self.client.get(
            QUEUE, {"discussion__id__exact": discussion_for(oldest).pk}
        )
        self.assertContains(response, "Article number 11")
        self.assertContains(response, "On the oldest one")
        self.assertNotContains(response, "On the newest one")
