from datetime import timedelta

from captcha.models import CaptchaStore
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.utils import timezone

from comments.blocks import Block
from comments.captcha import KEY, spend, store
from comments.facts import sender_facts
from comments.models import Comment, Keyword
from comments.moderation import Submission
from comments.notifications import editor_addresses
from tests.factories import discussion_for, make_article, make_comment, make_editor

BODY = "The same words again."


def submission(**fields):
    return Submission(
        **{
            "author_name": "Reader",
            "author_email": "Reader@Example.com",
            "author_url": "",
            "body": BODY,
            "ip_address": "203.0.113.7",
            "user_agent": "TestBrowser/1.0",
            "honeypot": "",
            **fields,
        }
    )


class SenderFactsTests(TestCase):
    """The one query of every post answers each test as the policy means it."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.other = make_article(slug="another-article", title="Another")

    def facts(self, known_authors=True, flood_since=None, **fields):
        discussion = discussion_for(self.article)
        with self.assertNumQueries(1):
            return sender_facts(
                discussion_id=discussion.pk,
                submission=submission(**fields),
                known_authors=known_authors,
                flood_since=flood_since,
            )

    def test_nothing_is_known_of_a_new_sender(self):
        assert self.facts(flood_since=timezone.now()) == {
            "duplicate": False,
            "blocked": False,
            "author_has_approved_comment": False,
            "recent_post_by_same_sender": False,
        }

    def test_the_same_text_by_the_same_email_in_any_case_is_a_duplicate(self):
        make_comment(self.article, body=BODY, author_name="Someone else")
        assert self.facts(author_email="READER@example.COM")["duplicate"]

    def test_the_same_text_under_the_same_name_is_a_duplicate(self):
        make_comment(self.article, body=BODY, author_email="other@example.com")
        assert self.facts()["duplicate"]

    def test_trash_other_discussions_and_other_text_are_no_duplicates(self):
        make_comment(self.article, body=BODY, status=Comment.Status.TRASH)
        make_comment(self.other, body=BODY)
        make_comment(self.article, body="Other words.")
        assert not self.facts()["duplicate"]

    def test_blocks_of_the_email_domain_address_and_range_cover_the_sender(self):
        for kind, value in [
            (Block.Kind.EMAIL, "reader@example.com"),
            (Block.Kind.DOMAIN, "example.com"),
            (Block.Kind.ADDRESS, "203.0.113.7"),
            (Block.Kind.NETWORK, "203.0.113.0/24"),
        ]:
            with self.subTest(kind=kind):
                block = Block.objects.create(kind=kind, value=value)
                assert self.facts()["blocked"]
                block.delete()

    def test_an_expired_block_or_another_address_covers_nobody(self):
        Block.objects.create(
            kind=Block.Kind.EMAIL,
            value="reader@example.com",
            expires_at=timezone.now() - timedelta(minutes=1),
        )
        Block.objects.create(kind=Block.Kind.ADDRESS, value="203.0.113.8")
        assert not self.facts()["blocked"]

    def test_an_approved_comment_by_name_and_email_makes_a_known_author(self):
        make_comment(self.other, author_email="reader@EXAMPLE.com", body="Hello.")
        assert self.facts()["author_has_approved_comment"]

    def test_a_pending_comment_or_another_name_makes_no_known_author(self):
        make_comment(self.other, status=Comment.Status.PENDING, body="Hello.")
        make_comment(self.other, author_name="Somebody", body="Hello.")
        assert not self.facts()["author_has_approved_comment"]
        assert "author_has_approved_comment" not in self.facts(known_authors=False)

    def test_a_recent_post_from_the_email_or_the_address_is_a_flood(self):
        since = timezone.now() - timedelta(seconds=15)
        make_comment(self.other, author_email="elsewhere@example.com", body="Hi.")
        assert self.facts(flood_since=since)["recent_post_by_same_sender"]
        assert not self.facts(flood_since=since, ip_address="")[
            "recent_post_by_same_sender"
        ]
        make_comment(self.other, ip_address="192.0.2.1", body="Hi again.")
        assert self.facts(flood_since=since, ip_address="")[
            "recent_post_by_same_sender"
        ]

    def test_an_older_post_is_no_flood(self):
        make_comment(
            self.article,
            body="Long ago.",
            submitted_at=timezone.now() - timedelta(minutes=5),
        )
        since = timezone.now() - timedelta(seconds=15)
        assert not self.facts(flood_since=since)["recent_post_by_same_sender"]


@override_settings(COMMENTS_NOTIFY_RECIPIENTS=[])
class PreparedQueryTests(TestCase):
    """Queries built once still read the rows as they are now."""

    def test_a_new_editor_gets_the_next_email(self):
        make_editor("first")
        assert editor_addresses() == ["first@newsroom.example"]
        make_editor("second")
        assert editor_addresses() == [
            "first@newsroom.example",
            "second@newsroom.example",
        ]

    def test_editors_without_email_inactive_or_outside_the_group_get_none(self):
        for username in ("quiet", "gone", "left"):
            make_editor(username)
        users = get_user_model().objects
        users.filter(username="quiet").update(email="")
        users.filter(username="gone").update(is_active=False)
        users.get(username="left").groups.clear()
        assert editor_addresses() == []

    def test_a_new_keyword_counts_at_once(self):
        assert Keyword.objects.terms_by_kind()[Keyword.Kind.MODERATE] == ()
        Keyword.objects.create(kind=Keyword.Kind.MODERATE, term="casino")
        assert Keyword.objects.terms_by_kind()[Keyword.Kind.MODERATE] == ("casino",)


class StoredChallengeTests(TestCase):
    def test_a_stored_challenge_has_a_random_key_and_expires_with_the_timeout(self):
        with self.assertNumQueries(1):
            key = store("2 + 3 =", "5")
        assert KEY.fullmatch(key)
        row = CaptchaStore.objects.get(hashkey=key)
        assert (row.challenge, row.response) == ("2 + 3 =", "5")
        expected = timezone.now() + timedelta(minutes=settings.CAPTCHA_TIMEOUT)
        assert abs(row.expiration - expected) < timedelta(seconds=30)
        assert store("2 + 3 =", "5") != key

    def test_a_stored_challenge_is_spent_once(self):
        key = store("4 + 4 =", "8")
        assert spend(key) == "8"
        assert spend(key) is None
