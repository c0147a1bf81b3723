import hashlib
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TransactionTestCase, override_settings

from comments.budgets import Exhausted, network, spend
from comments.models import Attempts, BudgetRefusal, Comment
from comments.services import flood_key

from .base import POST_URL, URL, PostingTestCase

AJAX = {"X-Requested-With": "XMLHttpRequest"}


class BudgetTestCase(PostingTestCase):
    def post(self, ip="198.51.100.4", **overrides):
        """A post by another reader each time (no duplicate, no flood)."""
        self.posts = getattr(self, "posts", 0) + 1
        overrides.setdefault("author_name", f"Reader {self.posts}")
        overrides.setdefault("author_email", f"reader{self.posts}@example.com")
        overrides.setdefault("body", f"Comment number {self.posts}.")
        return super().post(ip, **overrides)

    def fetch(self, ip="198.51.100.4", url="/comments/challenge/", **extra):
        return self.client.get(url, headers=AJAX, REMOTE_ADDR=ip, **extra)


class ChallengeBudgetTests(BudgetTestCase):
    def test_the_2001st_challenge_fetch_from_one_address_is_refused(self):
        for _ in range(settings.COMMENTS_CHALLENGE_LIMIT):
            assert self.fetch().status_code == 200
        response = self.fetch()
        assert response.status_code == 429
        assert "Too many attempts from your network" in response.json()["error"]
        assert 0 < int(response["Retry-After"]) <= settings.COMMENTS_CHALLENGE_WINDOW

    @override_settings(COMMENTS_CHALLENGE_LIMIT=2)
    def test_the_library_refresh_view_spends_the_same_budget(self):
        assert self.fetch().status_code == 200
        assert self.fetch(url="/captcha/refresh/").status_code == 200
        assert self.fetch(url="/captcha/refresh/").status_code == 429
        assert self.fetch().status_code == 429

    @override_settings(COMMENTS_CHALLENGE_LIMIT=1)
    def test_other_addresses_keep_their_own_budget(self):
        assert self.fetch("198.51.100.4").status_code == 200
        assert self.fetch("198.51.100.4").status_code == 429
        assert self.fetch("198.51.100.5").status_code == 200

    @override_settings(COMMENTS_CHALLENGE_LIMIT=1)
    def test_an_ipv6_64_shares_one_budget(self):
        assert self.fetch("2001:db8:0:1::1").status_code == 200
        assert self.fetch("2001:db8:0:1:ffff::2").status_code == 429
        assert self.fetch("2001:db8:0:2::1").status_code == 200

    @override_settings(COMMENTS_CHALLENGE_LIMIT=1, NEWSROOM_TRUSTED_PROXIES=1)
    def test_behind_a_proxy_the_visitor_s_address_counts(self):
        proxy = "10.0.0.1"
        assert self.fetch(proxy, HTTP_X_FORWARDED_FOR="192.0.2.7").status_code == 200
        assert self.fetch(proxy, HTTP_X_FORWARDED_FOR="192.0.2.7").status_code == 429
        assert self.fetch(proxy, HTTP_X_FORWARDED_FOR="192.0.2.8").status_code == 200

    @override_settings(COMMENTS_CHALLENGE_LIMIT=1)
    def test_show_the_sum_without_javascript_spends_the_budget_and_keeps_the_text(
        self,
    ):
        data = {"new_challenge": "1", "body": "My unsent words."}
        assert self.client.post(POST_URL, data).status_code == 200
        response = self.client.post(POST_URL, data)
        self.assertContains(response, "My unsent words.", status_code=429)
        self.assertContains(response, "Too many attempts", status_code=429)


class WrongAnswerBudgetTests(BudgetTestCase):
    @override_settings(COMMENTS_WRONG_ANSWER_LIMIT=2)
    def test_past_the_wrong_answers_budget_the_form_comes_back_with_429(self):
        for _ in range(2):
            assert self.post(captcha_1="99").status_code == 400
        response = self.post(captcha_1="99", body="Kept, even now.")
        self.assertContains(response, "Kept, even now.", status_code=429)
        self.assertContains(response, "Too many attempts", status_code=429)
        assert int(response["Retry-After"]) > 0
        assert not Comment.objects.exists()

    @override_settings(COMMENTS_WRONG_ANSWER_LIMIT=1)
    def test_right_answers_do_not_spend_it(self):
        for number in range(3):
            response = self.post(ip=f"198.51.100.{number}")
            assert response.status_code == 302


class PostBudgetTests(BudgetTestCase):
    @override_settings(COMMENTS_PLAIN_POST_LIMIT=2, COMMENTS_FLOOD_SECONDS=0)
    def test_past_the_posts_budget_a_post_is_refused_with_its_text_kept(self):
        for _ in range(2):
            response = self.post()
            assert response.status_code == 302
        response = self.post(body="Third, kept.")
        self.assertContains(response, "Third, kept.", status_code=429)
        minutes = -(-int(response["Retry-After"]) // 60)
        message = f"Please try again in {minutes} minute"
        self.assertContains(response, message, status_code=429)
        assert Comment.objects.count() == 2

    @override_settings(COMMENTS_PLAIN_POST_LIMIT=1, COMMENTS_FLOOD_SECONDS=0)
    def test_another_address_still_posts(self):
        assert self.post(ip="198.51.100.4").status_code == 302
        assert (
            self.post(ip="198.51.100.4", author_email="b@x.example").status_code == 429
        )
        assert (
            self.post(ip="198.51.100.9", author_email="c@x.example").status_code == 302
        )

    @override_settings(COMMENTS_PLAIN_POST_LIMIT=1)
    def test_the_desk_counts_the_refusals(self):
        for _ in range(3):
            self.post()
        assert BudgetRefusal.objects.get(budget="plain_post").refused == 2


class CleanTests(BudgetTestCase):
    def test_the_clean_command_deletes_only_ended_windows(self):
        self.fetch("198.51.100.4")
        self.fetch("198.51.100.5")
        Attempts.objects.filter(pk=Attempts.objects.values("pk")[:1]).update(
            window_start=0
        )
        out = StringIO()
        call_command("budgets_clean", stdout=out)
        assert Attempts.objects.count() == 1
        assert "Deleted 1 ended attempt count(s)." in out.getvalue()


class KeyedHashTests(BudgetTestCase):
    def test_budget_keys_do_not_give_the_address_away(self):
        self.fetch("198.51.100.4")
        [row] = Attempts.objects.all()
        for guess in ("198.51.100.4", "challenge:198.51.100.4/32"):
            assert row.key != hashlib.sha256(guess.encode()).hexdigest()
        assert "198.51.100.4" not in row.key

    def test_flood_keys_are_keyed_hashes(self):
        for sender in ("ip:127.0.0.1", "email:aigerim@example.com"):
            key = flood_key(sender)
            assert hashlib.sha256(sender.encode()).hexdigest() not in key
            with override_settings(SECRET_KEY="another-secret"):
                assert flood_key(sender) != key

    def test_networks(self):
        assert network("203.0.113.7") == "203.0.113.7/32"
        assert network("2001:db8::1:2:3:4") == "2001:db8::/64"
        assert network("::ffff:203.0.113.7") == "203.0.113.7/32"
        assert network(None) == "unknown"


class PageTests(BudgetTestCase):
    def test_reading_the_article_spends_nothing(self):
        self.client.get(URL)
        assert not Attempts.objects.exists()


class CountCommitTests(TransactionTestCase):
    """Counts commit on their own, without waiting for the disk on
    PostgreSQL, and never change how another transaction commits."""

    def synchronous_commit(self):
        if connection.vendor != "postgresql":
            return "on"
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    def test_a_count_outside_a_transaction_is_one_statement_and_committed(self):
        with self.assertNumQueries(1):
            spend("challenge", "198.51.100.4")
        spend("challenge", "198.51.100.4")
        assert Attempts.objects.get().spent == 2
        assert self.synchronous_commit() == "on"

    def test_a_count_inside_a_transaction_leaves_its_commit_durable(self):
        with transaction.atomic():
            spend("post", "198.51.100.4")
            assert self.synchronous_commit() == "on"
        assert Attempts.objects.get().spent == 1

    def test_a_refusal_is_recorded_past_the_limit(self):
        with override_settings(COMMENTS_CHALLENGE_LIMIT=1):
            spend("challenge", "198.51.100.4")
            with self.assertRaises(Exhausted):
                spend("challenge", "198.51.100.4")
        assert BudgetRefusal.objects.get().refused == 1
