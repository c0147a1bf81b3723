"""Flood control and thread invalidation through Redis, as on several app servers."""

import os
from unittest import mock

import redis
from django.conf import settings
from django.core.cache import cache
from django.test import TestCase, override_settings

from bench.ports import free_port
from comments.caching import version_key
from comments.services import flood_key
from tests.factories import (
    approve,
    comment_data,
    make_article,
    make_comment,
    make_editor,
)

REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
URL = "/articles/a-test-article/"
POST_URL = "/articles/a-test-article/comments/"
REDIS_CACHE = {
    "default": {
        "BACKEND": "newsroom.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": settings.CACHE_KEY_PREFIX,
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
    def setUp(self):
        super().setUp()
        self.comment = make_comment(self.article, status="pending", body="Fresh words")
        self.assertNotContains(self.client.get(URL), "Fresh words")
        self.copy = cache.make_key(version_key(URL))

    def approve(self):
        self.client.force_login(make_editor())
        self.client.post(
            "/admin/comments/comment/",
            {"action": "approve", "_selected_action": [self.comment.pk]},
        )
        self.client.logout()

    def test_an_approval_on_one_server_refreshes_the_page_for_all(self):
        with self.assertNumQueries(1):  # the version, copied into Redis
            self.client.get(URL)
        assert self.other_server.exists(self.copy)
        with self.captureOnCommitCallbacks(execute=True):
            self.approve()
        assert not self.other_server.exists(self.copy)
        with self.assertNumQueries(4):
            self.assertContains(self.client.get(URL), "Fresh words")
        with self.assertNumQueries(0):
            self.assertContains(self.client.get(URL), "Fresh words")

    def test_a_cached_view_costs_one_redis_round_trip(self):
        self.client.get(URL)
        client = cache._cache.get_client()
        with mock.patch.object(
            client, "execute_command", wraps=client.execute_command
        ) as commands:
            self.assertNotContains(self.client.get(URL), "Fresh words")
        assert [call.args[0] for call in commands.call_args_list] == ["MGET"]

    def test_a_change_redis_missed_shows_once_the_copy_expires(self):
        self.client.get(URL)
        ttl = self.other_server.ttl(self.copy)
        assert 0 < ttl <= settings.COMMENTS_VERSION_COPY_SECONDS
        self.approve()  # its deletion of the copy never reaches Redis
        self.assertNotContains(self.client.get(URL), "Fresh words")
        self.other_server.delete(self.copy)  # what the expiry does
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


class KeyPrefixTests(RedisTestCase):
    def test_two_sites_on_one_redis_never_serve_each_others_pages(self):
        self.client.get(URL)
        prefix = settings.CACHE_KEY_PREFIX
        assert prefix == "127.0.0.1:8000"  # from NEWSROOM_SITE_URL, by default
        assert self.other_server.keys(f"{prefix}:*comments:page:*")
        other_site = {"default": {**REDIS_CACHE["default"], "KEY_PREFIX": "other"}}
        with override_settings(CACHES=other_site), self.assertNumQueries(3):
            self.client.get(URL)  # rendered for this site, not read from the other
        assert self.other_server.keys("other:*comments:page:*")


CLOSED = {
    "default": {
        "BACKEND": "newsroom.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
    }
}


@override_settings(CACHES=CLOSED)
class RedisDownTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def test_pages_are_kept_in_memory_checked_against_the_database(self):
        self.client.get(URL)  # the failure: this process leaves Redis alone
        self.assertContains(self.client.get(URL), "Comments (No)")
        with self.assertNumQueries(1):
            self.assertContains(self.client.get(URL), "Comments (No)")
        comment = make_comment(self.article, status="pending", body="Fresh words")
        approve(comment)
        self.assertContains(self.client.get(URL), "Fresh words")

    def test_flood_control_asks_the_database(self):
        first = self.client.post(POST_URL, comment_data(self.client.get(URL)))
        second = self.client.post(
            POST_URL, comment_data(self.client.get(URL), author_email="b@example.com")
        )
        assert first.status_code == 302
        self.assertContains(second, "too quickly", status_code=429)
