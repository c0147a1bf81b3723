"""Spam and block: a comment's author blocked, their pending comments to spam,
their next posts stored as spam, the Blocks list with Lift (undo)."""

from datetime import timedelta

from django.test import TestCase, override_settings
from django.utils import timezone

from comments.bans import author_block
from comments.models import Block, Comment, Decision
from tests.comments.base import PostingTestCase
from tests.factories import discussion_for, make_article, make_comment, make_editor

QUEUE = "/admin/comments/comment/"
BLOCKS = "/admin/comments/block/"


class BanTestCase(PostingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = make_editor()
        cls.comment = make_comment(
            cls.article,
            status="pending",
            author_email="Bot@Spam.example",
            ip_address="203.0.113.7",
            body="Buy pills",
        )

    def block(self, **data):
        data = {"kinds": ["email"], "days": "", "reason": "pill spam", **data}
        self.client.force_login(self.editor)
        return self.client.post(f"{QUEUE}{self.comment.pk}/block/", data, follow=True)


class SpamAndBlockTests(BanTestCase):
    def test_the_comment_s_page_offers_each_thing_to_block(self):
        self.client.force_login(self.editor)
        page = self.client.get(f"{QUEUE}{self.comment.pk}/change/")
        for text in [
            "email: bot@spam.example",
            "IP address: 203.0.113.7",
            "address range: 203.0.113.0/24",
            "email domain: spam.example",
        ]:
            self.assertContains(page, text)

    def test_blocking_sends_the_author_s_pending_comments_to_spam(self):
        other = make_comment(
            self.article, status="pending", author_email="bot@spam.example"
        )
        public = make_comment(
            self.article, status="approved", author_email="bot@spam.example"
        )
        stranger = make_comment(self.article, status="pending")
        response = self.block()
        self.assertContains(
            response, "Blocked email bot@spam.example (pill spam); 2 comments"
        )
        status = dict(Comment.objects.values_list("pk", "status"))
        assert status[self.comment.pk] == status[other.pk] == "spam"
        assert status[public.pk] == "approved"
        assert status[stranger.pk] == "pending"
        block = Block.objects.get()
        assert (block.created_by, block.expires_at) == (self.editor, None)
        assert set(Decision.objects.values_list("actor", flat=True)) == {"ban"}

    def test_a_range_block_covers_the_whole_network(self):
        neighbour = make_comment(
            self.article, status="pending", ip_address="203.0.113.200"
        )
        elsewhere = make_comment(
            self.article, status="pending", ip_address="203.0.114.1"
        )
        self.block(kinds=["network"], days="7")
        assert Comment.objects.get(pk=neighbour.pk).status == "spam"
        assert Comment.objects.get(pk=elsewhere.pk).status == "pending"
        expires = Block.objects.get().expires_at
        assert expires - timezone.now() > timedelta(days=6)

    def test_the_blocked_author_s_next_post_is_stored_as_spam_and_looks_held(self):
        self.block(kinds=["domain"])
        self.client.logout()
        response = self.post(author_email="someone@spam.example", body="Again")
        comment = Comment.objects.get(body="Again")
        assert comment.status == "spam"
        assert "the author is blocked: email domain spam.example (pill spam)" in (
            str(comment.reasons.get())
        )
        page = self.client.get(response["Location"])
        self.assertContains(page, "Your comment is awaiting moderation.")

    def test_the_comment_s_page_shows_the_blocks_that_match_it(self):
        self.block(kinds=["address"])
        page = self.client.get(f"{QUEUE}{self.comment.pk}/change/")
        self.assertContains(page, "IP address 203.0.113.7 (pill spam)")

    @override_settings(COMMENTS_FLOOD_SECONDS=0)
    def test_an_expired_block_lets_comments_through_to_the_queue(self):
        self.block()
        Block.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
        self.client.logout()
        self.post(author_email="bot@spam.example", body="Later")
        assert Comment.objects.get(body="Later").status == "pending"

    def test_choosing_nothing_gets_a_message(self):
        response = self.block(kinds=[])
        self.assertContains(response, "Choose what to block")
        assert not Block.objects.exists()


class BanQueryCountTests(TestCase):
    def test_a_ban_of_a_thousand_pending_comments_costs_as_many_queries_as_one(self):
        discussion = discussion_for(make_article())
        editor = make_editor()
        for size in (1, 1000):
            email = f"bot{size}@spam.example"
            Comment.objects.bulk_create(
                Comment(
                    discussion=discussion,
                    author_email=email,
                    ip_address=f"192.0.2.{size % 250}",
                    body=f"b{i}",
                )
                for i in range(size)
            )
            comment = Comment.objects.filter(author_email=email).first()
            with self.assertNumQueries(8):
                _blocks, count = author_block(
                    comment=comment,
                    kinds=["email", "address"],
                    days=None,
                    reason="",
                    user=editor,
                )
            assert count == size


class BlocksAdminTests(BanTestCase):
    def test_the_blocks_list_shows_expiry_and_who_made_them(self):
        self.block(days="30")
        response = self.client.get(BLOCKS)
        self.assertContains(response, "bot@spam.example")
        self.assertContains(response, "pill spam")
        self.assertContains(response, "editor")

    def test_lifting_a_block_puts_back_what_it_sent_to_spam(self):
        self.block()
        block = Block.objects.get()
        response = self.client.post(
            BLOCKS, {"action": "lift", "_selected_action": [block.pk]}, follow=True
        )
        self.assertContains(response, "1 block lifted")
        assert not Block.objects.exists()
        assert Comment.objects.get(pk=self.comment.pk).status == "pending"
