"""Two app servers on one database and one Redis, as behind a load balancer.

(CAPTCHA spending across servers is issue 11's: a challenge is spent in the
database, which both servers share.)
"""

import os

from .conftest import new_article

REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
URL = "/articles/two-servers/"


def test_an_approval_through_one_server_is_on_the_others_next_view(live_site):
    pk = new_article(live_site, "two-servers")
    with (
        live_site.serve(workers=2, REDIS_URL=REDIS_URL) as a,
        live_site.serve(workers=2, REDIS_URL=REDIS_URL) as b,
    ):
        assert all("Comments (No)" in b.get(URL).text for _ in range(5))
        assert "Comments (No)" in a.get(URL).text
        editor = a.browser()
        editor.log_in("mira")
        editor.approve(pk)
        pages = [b.get(URL).text for _ in range(10)]
    assert all("Fresh words" in page for page in pages)


def test_flood_control_holds_across_both_servers(live_site):
    new_article(live_site, "two-floods")
    with (
        live_site.serve(workers=1, REDIS_URL=REDIS_URL) as a,
        live_site.serve(workers=1, REDIS_URL=REDIS_URL) as b,
    ):
        first = a.browser().post_comment("two-floods", live_site.captcha_answer)
        second = b.browser().post_comment(
            "two-floods",
            live_site.captcha_answer,
            body="From the same address, through the other server.",
            author_email="someone.else@example.com",
        )
    assert first.status == 302
    assert second.status == 429
    assert "too quickly" in second.text
