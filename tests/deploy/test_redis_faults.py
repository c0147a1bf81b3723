"""Redis closed, hanging or killed mid-load: pages served, posts stored, no 500.

The real server (gunicorn, the project's settings) against a real failure: a
port nobody listens on, a socket that accepts and never answers, a
redis-server of the test's own killed while the site serves.
"""

import re
import signal

from bench.ports import free_port
from bench.redis_server import own_redis
from tests.test_cache import SilentServer

from .conftest import new_article


def read_and_post(live_site, server, slug, count, words="kept"):
    """`count` page views and `count` posts; their statuses and the bodies posted."""
    statuses, bodies = [], []
    for number in range(count):
        page = server.get(f"/articles/{slug}/")
        assert f"About {slug}" in page.text
        body = f"Comment {number} on {slug}, {words} whatever Redis does."
        answer = server.browser().post_comment(
            slug,
            live_site.captcha_answer,
            body=body,
            author_email=f"reader{number}@example.com",
        )
        statuses += [page.status, answer.status]
        bodies.append(body)
    return statuses, bodies


def assert_failures_logged_once(server, workers):
    log = server.log()
    assert "Traceback" not in log
    assert not re.search(r'" 5\d\d ', log)  # the access log: no 5xx
    assert 0 < log.count("serving without it") <= workers


def test_with_redis_closed_pages_are_served_posts_stored_flood_held(live_site):
    new_article(live_site, "redis-closed")
    # Earlier tests posted from this address too: only this test's posts are
    # recent enough for the flood rule.
    live_site.python(
        "from datetime import timedelta\n"
        "from django.db.models import F\n"
        "from comments.models import Comment\n"
        "Comment.objects.update(submitted_at=F('submitted_at') - timedelta(hours=1))"
    )
    closed = f"redis://127.0.0.1:{free_port()}/0"
    with live_site.serve(workers=2, REDIS_URL=closed) as server:
        statuses, bodies = read_and_post(live_site, server, "redis-closed", 1)
        assert statuses == [200, 302]
        again = server.browser().post_comment(
            "redis-closed",
            live_site.captcha_answer,
            body="Too soon after the first.",
            author_email="other@example.com",
        )
        assert again.status == 429, again.text
        assert "too quickly" in again.text
        for _ in range(10):
            assert server.get("/articles/redis-closed/").status == 200
        assert_failures_logged_once(server, workers=2)
    assert live_site.comments(bodies[0]) == 1


def test_with_redis_hanging_pages_are_served_and_posts_stored(live_site):
    workers = 2
    new_article(live_site, "redis-hanging")
    hanging = SilentServer()
    try:
        with live_site.serve(
            workers=workers,
            REDIS_URL=f"redis://127.0.0.1:{hanging.port}/0",
            COMMENTS_FLOOD_SECONDS="0",
        ) as server:
            statuses, bodies = read_and_post(live_site, server, "redis-hanging", 5)
            assert_failures_logged_once(server, workers)
    finally:
        hanging.close()
    assert set(statuses) == {200, 302}
    assert [live_site.comments(body) for body in bodies] == [1] * 5


def test_redis_killed_mid_load_loses_nothing_and_the_truth_stays(live_site):
    pk = new_article(live_site, "redis-killed")
    with (
        own_redis() as (redis, url),
        live_site.serve(workers=2, REDIS_URL=url, COMMENTS_FLOOD_SECONDS="0") as server,
    ):
        before, posted = read_and_post(live_site, server, "redis-killed", 5)
        redis.send_signal(signal.SIGKILL)
        redis.wait()
        after, posted_after = read_and_post(
            live_site, server, "redis-killed", 5, words="still kept"
        )
        editor = server.browser()
        editor.log_in("mira")
        editor.approve(pk)
        pages = [server.get("/articles/redis-killed/").text for _ in range(10)]
        assert_failures_logged_once(server, workers=2)
    assert set(before) == set(after) == {200, 302}
    assert [live_site.comments(body) for body in posted + posted_after] == [1] * 10
    assert all("Fresh words" in page for page in pages)
