"""The shipped nginx configuration in front of the real server.

Debian's nginx (package nginx-light, installed by .ci/run) with
deploy/nginx/newsroom.conf: plain visits are served from its cache, personal
cookies and POSTs go to the app, and an approval shows within s-maxage.
"""

import os
import tempfile
import time

import pytest

from bench import nginx
from bench.ports import free_ports

from .conftest import new_article
from .live import Browser

SLUG = "behind-nginx"


@pytest.fixture
def proxied(live_site, request):
    if not nginx.NGINX.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's nginx is missing: .ci/run installs nginx-light.")
        pytest.skip("Debian's nginx (package nginx-light) is not installed.")
    slug = f"{SLUG}-{request.node.name[5:40].replace('_', '-')}"
    pk = new_article(live_site, slug, title=f"About {SLUG}")
    with (
        live_site.serve(workers=2) as server,
        tempfile.TemporaryDirectory() as folder,
    ):
        port, static_port = free_ports(2)
        with nginx.running(
            folder, port=port, upstream_port=server.port, static_port=static_port
        ):
            yield Browser(f"http://127.0.0.1:{port}"), server, f"/articles/{slug}/", pk


def cache_status(response):
    return response.headers.get("X-Cache-Status")


def test_plain_visits_are_served_from_nginx_and_personal_ones_bypass_it(proxied):
    front, _server, url, _pk = proxied
    first, second = front.request(url), front.request(url)
    assert (cache_status(first), cache_status(second)) == ("MISS", "HIT")
    assert second.text == first.text
    assert "About behind-nginx" in second.text
    remembered = front.request(url, headers={"Cookie": "newsroom_commenter=x"})
    assert cache_status(remembered) == "BYPASS"
    other = front.request(url, headers={"Cookie": "csrftoken=abc; theme=dark"})
    assert cache_status(other) == "HIT"


def test_a_post_goes_through_to_the_app(proxied, live_site):
    front, _server, url, _pk = proxied
    front.request(url)
    answer = front.post_comment(
        url.split("/")[2], live_site.captcha_answer, body="Posted through nginx."
    )
    assert answer.status == 302
    assert live_site.comments("Posted through nginx.") == 1


def test_an_approval_shows_through_nginx_within_s_maxage(proxied):
    front, server, url, pk = proxied
    assert "Fresh words" not in front.request(url).text
    assert cache_status(front.request(url)) == "HIT"
    editor = server.browser()
    editor.log_in("mira")
    editor.approve(pk)
    approved = time.monotonic()
    # s-maxage is 2 s; the first reader after it may get the copy while
    # nginx fetches the page again, so allow one more request's time.
    while "Fresh words" not in front.request(url).text:
        assert time.monotonic() - approved < 2 + 1, "the approval did not show"
        time.sleep(0.1)
