from datetime import timedelta

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.utils import timezone

from comments.caching import local_pages
from comments.models import Comment, Discussion
from tests.factories import approve, comment_data, make_article, make_comment

URL = "/articles/a-test-article/"
POST_URL = "/articles/a-test-article/comments/"


def ago(minutes):
    return timezone.now() - timedelta(minutes=minutes)


@override_settings(COMMENTS_FLOOD_SECONDS=0)
class ReplyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.parent = make_comment(
            cls.article, author_name="Parent", submitted_at=ago(60)
        )

    def reply(self, parent, **overrides):
        page = self.client.get(f"{URL}?replytocom={parent}")
        return self.client.post(
            POST_URL, comment_data(page, parent=parent, **overrides)
        )

    def test_every_approved_comment_has_a_reply_link(self):
        response = self.client.get(URL)
        self.assertContains(
            response, f'href="?replytocom={self.parent.pk}#respond"', count=1
        )

    def test_replytocom_shows_who_is_answered_with_a_cancel_link(self):
        response = self.client.get(f"{URL}?replytocom={self.parent.pk}")
        html = response.content.decode()
        self.assertInHTML('<h2 id="reply-title">Reply to Parent</h2>', html)
        cancel = f'<a id="cancel-reply" rel="nofollow" href="{URL}#respond">'
        self.assertInHTML(f"{cancel}Cancel reply</a>", html)
        self.assertContains(response, f'name="parent" value="{self.parent.pk}"')

    def test_a_bad_replytocom_is_ignored(self):
        for value in ("abc", "999999", "-1"):
            response = self.client.get(f"{URL}?replytocom={value}")
            self.assertInHTML(
                '<h2 id="reply-title">Leave a Reply</h2>', response.content.decode()
            )

    def test_the_reply_stores_its_parent_and_nests_once_approved(self):
        self.reply(self.parent.pk, body="A reply")
        reply = Comment.objects.get(body="A reply")
        assert reply.parent == self.parent
        approve(reply)
        html = self.client.get(URL).content.decode()
        parent_at = html.index(f'id="comment-{self.parent.pk}"')
        children_at = html.index('<ol class="children">', parent_at)
        assert parent_at < children_at < html.index(f'id="comment-{reply.pk}"')

    def test_replies_at_the_deepest_level_attach_one_level_up(self):
        chain = [self.parent]
        for level in range(2, 6):
            chain.append(
                make_comment(
                    self.article, parent=chain[-1], submitted_at=ago(50 - level)
                )
            )
        self.reply(chain[-1].pk, body="Deep reply")
        assert Comment.objects.get(body="Deep reply").parent == chain[-2]

    @override_settings(COMMENTS_THREAD_DEPTH=2)
    def test_the_depth_is_configurable(self):
        child = make_comment(self.article, parent=self.parent)
        self.reply(child.pk, body="Deep reply")
        assert Comment.objects.get(body="Deep reply").parent == self.parent

    def test_a_reply_to_an_unapproved_comment_is_refused(self):
        for status in ("pending", "spam", "trash"):
            hidden = make_comment(self.article, status=status)
            response = self.reply(hidden.pk)
            self.assertContains(
                response,
                "You can only reply to a published comment on this article.",
                status_code=400,
            )
        assert not Comment.objects.filter(body="Blockchain will not fix sanctions.")

    def test_a_reply_to_a_comment_of_another_article_is_refused(self):
        elsewhere = make_comment(make_article(slug="other", title="Other"))
        response = self.reply(elsewhere.pk)
        self.assertContains(
            response, "published comment on this article", status_code=400
        )

    def test_a_parent_that_is_not_a_number_or_does_not_exist_is_refused(self):
        for value in ("abc", "0", "-5", "99999", "1.5", "1e3"):
            response = self.reply(value)
            assert response.status_code == 400, value
        assert Comment.objects.count() == 1


class ThreadQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def add_comments(self, count):
        parent = None
        for number in range(count):
            parent = make_comment(
                self.article,
                parent=parent if number % 3 else None,
                submitted_at=ago(count - number),
            )
        # The render's queries are counted here, not the check: no copies.
        cache.clear()
        local_pages.clear()

    def test_the_page_costs_the_same_queries_for_0_10_and_500_comments(self):
        for total in (0, 10, 500):
            self.add_comments(total - Comment.objects.count())
            with self.assertNumQueries(3):
                response = self.client.get(URL)
            count = f"Comments ({total})" if total else "Comments (No)"
            self.assertContains(response, count)


@override_settings(COMMENTS_PER_PAGE=3)
class PagingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.top = [
            make_comment(cls.article, body=f"Top {n}", submitted_at=ago(100 - n))
            for n in range(7)
        ]
        cls.deep = make_comment(
            cls.article,
            body="Deep reply",
            parent=make_comment(cls.article, parent=cls.top[4], submitted_at=ago(5)),
            submitted_at=ago(4),
        )

    def test_top_level_comments_are_split_into_pages(self):
        first = self.client.get(URL)
        self.assertContains(first, "Top 0")
        self.assertNotContains(first, "Top 3")
        second = self.client.get(f"{URL}comment-page-2/")
        self.assertContains(second, "Top 3")
        self.assertContains(second, "Deep reply")
        self.assertNotContains(second, "Top 0")

    def test_pages_link_to_each_other(self):
        response = self.client.get(f"{URL}comment-page-2/")
        self.assertContains(response, f'rel="prev" href="{URL}#comments"')
        self.assertContains(
            response, f'rel="next" href="{URL}comment-page-3/#comments"'
        )
        self.assertContains(response, '<span aria-current="page">2</span>', html=True)

    def test_a_page_past_the_end_is_not_found(self):
        assert self.client.get(f"{URL}comment-page-9/").status_code == 404

    def test_a_permalink_lands_on_the_page_holding_the_comment(self):
        response = self.client.get(f"/comments/{self.deep.pk}/")
        self.assertRedirects(response, f"{URL}comment-page-2/#comment-{self.deep.pk}")
        response = self.client.get(f"/comments/{self.top[6].pk}/")
        self.assertRedirects(response, f"{URL}comment-page-3/#comment-{self.top[6].pk}")

    def test_permalinks_of_unpublished_comments_are_not_found(self):
        hidden = make_comment(self.article, status="pending")
        assert self.client.get(f"/comments/{hidden.pk}/").status_code == 404

    @override_settings(COMMENTS_ORDER="newest")
    def test_newest_first_puts_the_latest_thread_on_page_one(self):
        response = self.client.get(URL)
        html = response.content.decode()
        assert html.index("Top 6") < html.index("Top 5")
        self.assertNotContains(response, "Top 0")
        response = self.client.get(f"/comments/{self.top[0].pk}/")
        self.assertRedirects(response, f"{URL}comment-page-3/#comment-{self.top[0].pk}")


class ClosingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(published_at=timezone.now() - timedelta(days=40))
        make_comment(cls.article, body="Earlier words")

    def assert_closed(self):
        page = self.client.get(URL)
        self.assertContains(page, "Earlier words")
        self.assertContains(page, "Comments are closed.")
        self.assertNotContains(page, "Leave a Reply")
        self.assertNotContains(page, "replytocom")
        response = self.client.post(POST_URL, {"body": "Late", "author_name": "A"})
        self.assertContains(response, "Comments are closed.", status_code=403)

    def test_an_editor_can_close_an_article(self):
        Discussion.objects.update(comments_open=False)
        self.assert_closed()

    @override_settings(COMMENTS_CLOSE_AFTER_DAYS=30)
    def test_old_articles_close_automatically(self):
        self.assert_closed()

    @override_settings(COMMENTS_CLOSE_AFTER_DAYS=60)
    def test_younger_articles_stay_open(self):
        self.assertContains(self.client.get(URL), "Leave a Reply")
