"""One solve, one comment: a solved sum posted by many clients at once is
accepted once, with real gunicorn workers on SQLite or PostgreSQL."""

import http.cookiejar
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.served import served_site

CLIENTS = 8
ROUNDS = 100


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        served_site(
            tmp_path_factory.mktemp("served"),
            COMMENTS_FLOOD_SECONDS="0",
            COMMENTS_MIN_FORM_SECONDS="0",
            # Every client is 127.0.0.1; the budgets have tests of their own.
            COMMENTS_PLAIN_POST_LIMIT=str(CLIENTS * ROUNDS),
        ) as served,
    ):
        yield served


def opener():
    cookies = http.cookiejar.CookieJar()
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(cookies), NoRedirect
    )


def fetch_challenge(client, base):
    request = urllib.request.Request(
        base + "/comments/challenge/", headers={"X-Requested-With": "XMLHttpRequest"}
    )
    with client.open(request, timeout=30) as response:
        return json.load(response)


def post(client, base, fields):
    body = urllib.parse.urlencode(fields).encode()
    url = base + "/articles/sco-countries-strive-to-develop-blockchain/comments/"
    try:
        with client.open(url, data=body, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def race(base, query, number, pool):
    """CLIENTS posts of one solved challenge, released together; their statuses."""
    client = opener()
    challenge = fetch_challenge(client, base)
    [(answer,)] = query(
        "SELECT response FROM captcha_captchastore WHERE hashkey = %s",
        [challenge["key"]],
    )
    start = threading.Barrier(CLIENTS)

    def one(index):
        fields = {
            "csrfmiddlewaretoken": challenge["csrf_token"],
            "timestamp": challenge["timestamp"],
            "captcha_0": challenge["key"],
            "captcha_1": answer,
            "author_name": f"Racer {index}",
            "author_email": f"racer{number}-{index}@example.com",
            "body": f"Round {number}, client {index}.",
        }
        start.wait()
        return post(client, base, fields)

    return list(pool.map(one, range(CLIENTS)))


def test_one_solved_sum_posted_by_eight_clients_at_once_is_accepted_once(site):
    base, query = site
    with ThreadPoolExecutor(CLIENTS) as pool:
        rounds = [race(base, query, number, pool) for number in range(ROUNDS)]
    accepted = [statuses.count(302) for statuses in rounds]
    refused = {status for statuses in rounds for status in statuses if status != 302}
    [(stored,)] = query("SELECT COUNT(*) FROM comments_comment")
    assert max(accepted) == 1
    assert refused == {400}
    assert stored == sum(accepted) == ROUNDS
