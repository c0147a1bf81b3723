"""Erasure reaches every copy of an email or address, and finds them by index."""

from django.core.mail import EmailMessage
from django.db import connection
from django.test import TestCase

from comments.ledger import Actor, Source
from comments.models import Comment, Decision, Keyword, ModerationReason
from comments.moderation import Code
from comments.personal_data import personal_data_erase
from comments.tasks import queue_email
from newsroom.models import QueuedEmail
from tests.factories import make_article, make_comment, make_editor


class ErasureReachTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.editor = make_editor()
        cls.comment = make_comment(
            cls.article,
            author_name="Mira",
            author_email="Mira@Example.com",
            ip_address="198.51.100.23",
            status=Comment.Status.PENDING,
        )
        cls.other = make_comment(
            cls.article, author_email="other@example.com", ip_address="192.0.2.1"
        )
        cls.comment.reasons.create(
            code=Code.MODERATION_TERM, field="author_email", detail="mira@example.com"
        )
        cls.other.reasons.create(
            code=Code.MODERATION_TERM, field="ip_address", detail="192.0.2.1"
        )
        # Another comment held because of her address, before the erasure.
        cls.other.reasons.create(code=Code.MODERATION_TERM, detail="198.51.100.23")
        Keyword.objects.create(kind=Keyword.Kind.MODERATE, term="MIRA@example.com")
        Keyword.objects.create(kind=Keyword.Kind.DISALLOW, term="198.51.100.23")
        Keyword.objects.create(kind=Keyword.Kind.MODERATE, term="casino")

    def erase(self):
        personal_data_erase(
            email="mira@example.com", delete_text=False, user=self.editor
        )

    def test_reasons_quoting_the_email_or_address_lose_the_quote(self):
        self.erase()
        details = set(ModerationReason.objects.values_list("detail", flat=True))
        assert details == {"", "192.0.2.1"}

    def test_moderation_words_that_are_the_email_or_address_are_deleted(self):
        self.erase()
        assert set(Keyword.objects.values_list("term", flat=True)) == {"casino"}

    def test_ledger_notes_quoting_the_email_or_address_lose_the_quote(self):
        Decision.objects.create(
            comment=self.other,
            actor=Actor.EDITOR,
            source=Source.ADMIN_FORM,
            to_status=Comment.Status.SPAM,
            note="same person as mira@example.com, from 198.51.100.23",
        )
        kept = Decision.objects.create(
            comment=self.other,
            actor=Actor.EDITOR,
            source=Source.ADMIN_FORM,
            to_status=Comment.Status.APPROVED,
            note="fine",
        )
        self.erase()
        notes = set(Decision.objects.exclude(pk=kept.pk).values_list("note", flat=True))
        assert notes <= {""}
        kept.refresh_from_db()
        assert kept.note == "fine"

    def test_queued_emails_to_or_about_the_address_are_deleted(self):
        with self.captureOnCommitCallbacks(execute=True):
            queue_email(EmailMessage("Your comment", "Hello", to=["Mira@Example.com"]))
            queue_email(
                EmailMessage("Held", "From mira@example.com: ...", to=["ed@x.example"])
            )
            queue_email(EmailMessage("Other", "Hello", to=["other@example.com"]))
        assert QueuedEmail.objects.count() == 3
        self.erase()
        assert [email.recipients for email in QueuedEmail.objects.all()] == [
            "other@example.com"
        ]

    def test_the_cached_page_no_longer_names_the_commenter(self):
        Comment.objects.filter(pk=self.comment.pk).update(
            status=Comment.Status.APPROVED
        )
        self.assertContains(self.client.get(self.article.get_absolute_url()), "Mira")
        self.erase()
        page = self.client.get(self.article.get_absolute_url())
        self.assertNotContains(page, "Mira")
        self.assertContains(page, "Anonymous")

    def test_lookups_by_email_use_the_lower_case_index(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET enable_seqscan = off")
        plan = Comment.objects.by_email("MIRA@example.com").explain()
        assert "comment_email_lower" in plan
        assert list(Comment.objects.by_email("MIRA@example.com")) == [self.comment]

    def test_lookups_by_address_use_an_index(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET enable_seqscan = off")
        plan = Comment.objects.filter(ip_address="198.51.100.23").explain()
        assert "comment_ip_address" in plan
