"""One solve, one comment: a solved sum posted by many clients at once is
accepted once, by real gunicorn workers on SQLite or PostgreSQL."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

from comments.proof_of_work import solve

from .conftest import new_article

CLIENTS = 8
ROUNDS = 100


def race(server, site, slug, number, pool):
    """CLIENTS posts of one solved challenge, released together; their statuses."""
    browser = server.browser()
    challenge = json.loads(
        browser.request(
            "/comments/challenge/", headers={"X-Requested-With": "XMLHttpRequest"}
        ).text
    )
    fields = {
        "csrfmiddlewaretoken": challenge["csrf_token"],
        "timestamp": challenge["timestamp"],
        "captcha_0": challenge["key"],
        "captcha_1": site.captcha_answer(challenge["key"]),
        "proof": solve(challenge["puzzle"]),
    }
    start = threading.Barrier(CLIENTS)

    def one(index):
        data = {
            **fields,
            "author_name": f"Racer {index}",
            "author_email": f"racer{number}-{index}@example.com",
            "body": f"Round {number}, client {index}.",
        }
        # As if through a proxy: the racers' comments are not 127.0.0.1's, whose
        # next post (in another test) the flood rule would refuse.
        headers = {"X-Forwarded-For": f"198.51.100.{index + 1}"}
        url = f"/articles/{slug}/comments/"
        start.wait()
        return browser.request(url, data, headers=headers, timeout=60).status

    return list(pool.map(one, range(CLIENTS)))


def test_one_solved_sum_posted_by_eight_clients_at_once_is_accepted_once(live_site):
    new_article(live_site, "race")
    # Flood control off: every client is 127.0.0.1 and posts within a second.
    with (
        live_site.serve(
            workers=4, COMMENTS_FLOOD_SECONDS="0", NEWSROOM_TRUSTED_PROXIES="1"
        ) as server,
        ThreadPoolExecutor(CLIENTS) as pool,
    ):
        rounds = [race(server, live_site, "race", n, pool) for n in range(ROUNDS)]
    accepted = [statuses.count(302) for statuses in rounds]
    refused = {status for statuses in rounds for status in statuses if status != 302}
    [(stored,)] = live_site.query(
        "SELECT COUNT(*) FROM comments_comment WHERE body LIKE %s", "Round %"
    )
    assert max(accepted) == 1
    assert refused == {400}
    assert stored == sum(accepted) == ROUNDS
