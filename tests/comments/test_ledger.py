"""The decision ledger: every change of status is a row, written by one service."""

import importlib

from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import TestCase

from comments.models import Comment, Decision
from comments.services import comment_moderate, comment_submit
from tests.factories import discussion_for, make_article, make_comment, make_editor

QUEUE = "/admin/comments/comment/"
migration = importlib.import_module("comments.migrations.0011_decision_ledger")


class LedgerTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.editor = make_editor()
        cls.editor.first_name, cls.editor.last_name = "Mira", "Lane"
        cls.editor.save()

    def setUp(self):
        self.client.force_login(self.editor)


class ModerateServiceTests(LedgerTestCase):
    def test_a_decision_records_who_from_which_status_to_which_and_where(self):
        comment = make_comment(self.article, status="pending")
        comment_moderate(
            comments=Comment.objects.filter(pk=comment.pk),
            status="spam",
            user=self.editor,
            source="email",
            reason="abusive",
            note="Insults another reader",
        )
        decision = Decision.objects.get()
        assert (decision.comment, decision.user) == (comment, self.editor)
        assert (decision.from_status, decision.to_status) == ("pending", "spam")
        assert (decision.actor, decision.source) == ("editor", "email")
        assert str(decision).startswith("Marked as spam by Mira Lane, ")
        assert str(decision).endswith(" — was pending, abusive, Insults another reader")

    def test_comments_already_there_get_no_row(self):
        comment = make_comment(self.article, status="spam")
        count = comment_moderate(
            comments=Comment.objects.filter(pk=comment.pk), status="spam", user=None
        )
        assert count == 0
        assert not Decision.objects.exists()

    def test_a_thousand_comments_cost_as_many_queries_as_one(self):
        for size in (1, 1000):
            Comment.objects.bulk_create(
                Comment(
                    discussion=discussion_for(self.article),
                    author_name="Bot",
                    body=f"b{i}",
                )
                for i in range(size)
            )
            with self.assertNumQueries(5):
                count = comment_moderate(
                    comments=Comment.objects.pending(), status="spam", user=self.editor
                )
            assert count == size
        assert Decision.objects.filter(from_status="pending").count() == 1001

    def test_the_policy_s_verdict_on_a_new_comment_heads_its_history(self):
        comment = comment_submit(
            discussion=discussion_for(self.article),
            data={
                "author_name": "Aigerim",
                "author_email": "aigerim@example.com",
                "author_url": "",
                "body": "See https://a.example and https://b.example",
                "parent": None,
                "notify_replies": False,
            },
            ip_address="198.51.100.4",
            user_agent="TestBrowser",
        )
        # No row (posting keeps its query budget): the comment's time and
        # reasons say it, and the history reads them first.
        assert not comment.decisions.exists()
        comment_moderate(
            comments=Comment.objects.filter(pk=comment.pk),
            status="approved",
            user=self.editor,
        )
        self.client.force_login(self.editor)
        history = self.client.get(f"{QUEUE}{comment.pk}/history/")
        text = history.content.decode()
        held = text.index("Held for moderation by the automatic policy, ")
        assert "contains 2 links" in text[held:]
        assert held < text.index("Approved by Mira Lane, ")


class AdminFormTests(LedgerTestCase):
    def test_a_status_chosen_in_the_comment_s_form_goes_through_the_ledger(self):
        comment = make_comment(self.article, status="pending", body="Held")
        response = self.client.get(f"{QUEUE}{comment.pk}/change/")
        form = response.context["adminform"].form
        data = {name: form[name].value() or "" for name in form.fields}
        data |= {"status": "approved", "body": "Held, and now edited"}
        response = self.client.post(f"{QUEUE}{comment.pk}/change/", data)
        assert response.status_code == 302
        comment.refresh_from_db()
        assert (comment.status, comment.body) == ("approved", "Held, and now edited")
        decision = Decision.objects.get()
        assert (decision.source, decision.user) == ("admin_form", self.editor)

    def test_the_comment_s_page_and_history_say_who_decided_in_words(self):
        comment = make_comment(self.article, status="pending")
        self.client.post(
            f"{QUEUE}{comment.pk}/decide/",
            {"status": "trash", "reason": "off_topic", "source": "admin_form"},
        )
        page = self.client.get(f"{QUEUE}{comment.pk}/change/")
        self.assertContains(page, "Moved to the trash by Mira Lane, ")
        self.assertContains(page, "was pending, off-topic")
        history = self.client.get(f"{QUEUE}{comment.pk}/history/")
        self.assertContains(history, "Moved to the trash by Mira Lane, ")
        self.assertContains(history, "(comment page)")


class CarriedHistoryTests(LedgerTestCase):
    def test_the_migration_carries_earlier_history_over_and_back(self):
        comment = make_comment(self.article, status="approved")
        kind = ContentType.objects.get_for_model(Comment)
        for flag, message in [
            (CHANGE, '[{"changed": {"fields": ["Status"]}, "status": "approved"}]'),
            (ADDITION, '[{"added": {}}]'),
            (CHANGE, '[{"changed": {"fields": ["Name"]}}]'),
        ]:
            LogEntry.objects.create(
                user=self.editor,
                content_type=kind,
                object_id=str(comment.pk),
                object_repr=str(comment),
                action_flag=flag,
                change_message=message,
            )
        migration.carry_history(apps, None)
        carried = Decision.objects.order_by("pk")
        assert [(d.source, d.to_status) for d in carried] == [
            ("history", "approved"),
            ("reply", "approved"),
        ]
        assert {d.user for d in carried} == {self.editor}
        migration.drop_carried(apps, None)
        assert not Decision.objects.exists()
