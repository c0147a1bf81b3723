"""Flood control and thread invalidation through Redis, as on several app servers."""

import os

import redis
from django.core.cache import cache
from django.test import TestCase, override_settings

from comments.services import flood_key
from tests.factories import comment_data, make_article, make_comment, make_editor

REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
URL = "/articles/a-test-article/"
POST_URL = "/articles/a-test-article/comments/"
REDIS_CACHE = {
    "default": {
        "BACKEND": "newsroom.cache.RedisCache",
        "LOCATION": REDIS_URL,
    }
}


@override_settings(CACHES=REDIS_CACHE)
class RedisTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def setUp(self):
        cache.clear()
        # Another app server: its own connection to the same Redis.
        self.other_server = redis.Redis.from_url(REDIS_URL)
        self.addCleanup(self.other_server.close)
        self.addCleanup(cache.clear)


class SharedFloodTests(RedisTestCase):
    def test_a_mark_set_by_another_server_refuses_the_post(self):
        self.other_server.set(
            cache.make_key(flood_key("email:aigerim@example.com")), 1, ex=15
        )
        response = self.client.post(POST_URL, comment_data(self.client.get(URL)))
        self.assertContains(response, "too quickly", status_code=429)

    def test_a_post_leaves_marks_every_server_sees_for_the_interval(self):
        self.client.post(POST_URL, comment_data(self.client.get(URL)))
        key = cache.make_key(flood_key("ip:127.0.0.1"))
        assert self.other_server.exists(key)
        assert 0 < self.other_server.ttl(key) <= 15


class SharedThreadCacheTests(RedisTestCase):
    def test_an_approval_on_one_server_refreshes_the_thread_for_all(self):
        comment = make_comment(self.article, status="pending", body="Fresh words")
        self.assertNotContains(self.client.get(URL), "Fresh words")
        assert list(self.other_server.scan_iter(match="*comments:thread:*"))
        self.client.force_login(make_editor())
        self.client.post(
            "/admin/comments/comment/",
            {"action": "approve", "_selected_action": [comment.pk]},
        )
        self.client.logout()
        with self.assertNumQueries(3):
            page = self.client.get(URL)
        self.assertContains(page, "Fresh words")
        with self.assertNumQueries(0):
            self.assertContains(self.client.get(URL), "Fresh words")


@override_settings(CACHES=REDIS_CACHE)
class RedisClientTests(TestCase):
    def test_one_redis_client_serves_every_call(self):
        client = cache._cache.get_client()
        cache.set("comments:probe", 1)
        assert cache.get("comments:probe") == 1
        assert cache._cache.get_client() is client
        assert cache._cache.get_client(write=True) is client
        cache.delete("comments:probe")
