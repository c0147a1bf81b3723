from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from comments.models import Comment, Recommendation
from tests.factories import discussion_for, make_article, make_comment

from .base import URL


class RecommendTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.comment = make_comment(cls.article, author_name="Wise")

    def recommend(self, client=None, ip="198.51.100.9"):
        client = client or self.client
        return client.post(f"/comments/{self.comment.pk}/recommend/", REMOTE_ADDR=ip)

    def count(self):
        self.comment.refresh_from_db()
        return self.comment.recommend_count

    def test_each_comment_links_to_recommend_it(self):
        self.assertContains(
            self.client.get(URL), f'href="/comments/{self.comment.pk}/recommend/"'
        )

    def test_without_javascript_a_page_asks_and_the_post_counts(self):
        page = self.client.get(f"/comments/{self.comment.pk}/recommend/")
        self.assertContains(page, 'name="csrfmiddlewaretoken"')
        response = self.recommend()
        assert response.status_code == 302
        assert self.count() == 1
        self.assertContains(self.client.get(URL), "1 recommend</span>")

    def test_one_per_browser(self):
        self.recommend()
        self.recommend()
        assert self.count() == 1
        assert Recommendation.objects.count() == 1

    @override_settings(COMMENTS_RECOMMENDS_PER_ADDRESS=2)
    def test_a_few_per_address(self):
        for _ in range(4):
            self.recommend(client=self.client_class())
        assert self.count() == 2
        self.recommend(client=self.client_class(), ip="198.51.100.10")
        assert self.count() == 3

    def test_neither_address_nor_browser_is_stored_readably(self):
        self.recommend()
        row = Recommendation.objects.get()
        assert "198.51.100.9" not in row.address
        assert len(row.address) == len(row.browser) == 64

    def test_the_script_gets_json_and_a_token(self):
        headers = {"X-Requested-With": "XMLHttpRequest"}
        url = f"/comments/{self.comment.pk}/recommend/"
        assert self.client.get(url, headers=headers).json()["csrf_token"]
        answer = self.client.post(url, headers=headers).json()
        assert answer == {"counted": True, "count": 1, "label": "1 recommend"}

    def test_counts_come_in_one_query_and_may_be_cached_briefly(self):
        self.recommend()
        counts = f"/discussions/{discussion_for(self.article).pk}/recommends/"
        self.assertContains(self.client.get(URL), f'data-recommends-url="{counts}"')
        self.assertRedirects(
            self.client.get(f"{URL}comments/recommends/"),
            counts,
            status_code=301,
        )
        with self.assertNumQueries(2):  # the discussion, its counts
            response = self.client.get(counts)
        assert response.json() == {
            str(self.comment.pk): {"count": 1, "label": "1 recommend"}
        }
        assert "max-age=30" in response["Cache-Control"]

    def test_a_recommend_replaces_no_cached_page(self):
        self.client.get(URL)
        with CaptureQueriesContext(connection) as cached:
            self.client.get(URL)
        cached_view = len(cached)  # the log is emptied by the next request
        self.recommend(client=self.client_class())
        with self.assertNumQueries(cached_view):
            self.client.get(URL)

    def test_pending_comments_cannot_be_recommended(self):
        hidden = make_comment(self.article, status="pending")
        response = self.client.post(f"/comments/{hidden.pk}/recommend/")
        assert response.status_code == 404


class OrderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.old = make_comment(cls.article, author_name="Oldie")
        cls.top = make_comment(cls.article, author_name="Popular", recommend_count=5)
        cls.new = make_comment(cls.article, author_name="Newbie")

    def names(self, query=""):
        html = self.client.get(URL + query).content.decode()
        names = ["Oldie", "Popular", "Newbie"]
        return sorted(names, key=lambda name: html.index(f">{name}<"))

    def test_oldest_is_the_site_default(self):
        assert self.names() == ["Oldie", "Popular", "Newbie"]

    def test_newest_and_most_recommended_are_plain_links(self):
        html = self.client.get(URL).content.decode()
        assert 'href="/articles/a-test-article/?order=newest#comments"' in html
        assert 'href="/articles/a-test-article/?order=recommended#comments"' in html
        assert self.names("?order=newest") == ["Newbie", "Popular", "Oldie"]
        assert self.names("?order=recommended") == ["Popular", "Oldie", "Newbie"]

    def test_ordered_pages_are_cached_whole(self):
        self.client.get(URL)
        with CaptureQueriesContext(connection) as cached:
            self.client.get(URL)
        cached_view = len(cached)  # the log is emptied by the next request
        self.client.get(URL + "?order=newest")
        with self.assertNumQueries(cached_view):
            self.client.get(URL + "?order=newest")

    @override_settings(COMMENTS_ORDER="recommended")
    def test_the_site_default_is_a_setting(self):
        assert self.names() == ["Popular", "Oldie", "Newbie"]
        assert 'href="/articles/a-test-article/?order=oldest#comments"' in (
            self.client.get(URL).content.decode()
        )

    def test_an_unknown_order_falls_back_to_the_default(self):
        assert self.names("?order=bogus") == ["Oldie", "Popular", "Newbie"]


class ShareTests(TestCase):
    def test_each_comment_has_a_link_to_its_permalink(self):
        article = make_article()
        comment = make_comment(article)
        html = self.client.get(URL).content.decode()
        assert f'class="comment-permalink" href="/comments/{comment.pk}/"' in html
        assert Comment.objects.count() == 1
