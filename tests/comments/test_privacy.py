import csv
import io
import json
import re
import tempfile
from pathlib import Path
from types import SimpleNamespace

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase

from comments.models import Comment
from comments.personal_data import personal_data_erase, personal_data_export
from comments.privacy import (
    TRUNCATED_IP,
    Fate,
    neutralise,
    plan_erasure,
    policy_text,
    truncate_ip,
)
from tests.factories import make_article, make_comment, make_editor

DOCS = Path(__file__).resolve().parents[2] / "README.md"


class TruncateIpTests(SimpleTestCase):
    def test_ipv4_keeps_its_slash_24(self):
        assert truncate_ip("203.0.113.77") == "203.0.113.0"

    def test_ipv6_keeps_its_slash_48(self):
        assert truncate_ip("2001:db8:85a3:8d3:1319:8a2e:370:7348") == "2001:db8:85a3::"

    def test_no_address_stays_none(self):
        assert truncate_ip(None) is None

    def test_the_sql_pattern_tells_truncated_addresses_from_raw_ones(self):
        truncated = ["203.0.113.0", "10.0.0.0", "2001:db8:85a3::", "::", "0:0:1::"]
        raw = ["203.0.113.7", "203.0.113.10", "2001:db8:85a3:1::", "::1", "fe80::1"]
        for address in truncated:
            assert re.match(TRUNCATED_IP, address), address
        for address in raw:
            assert not re.match(TRUNCATED_IP, address), address
        for address in raw:
            assert re.match(TRUNCATED_IP, truncate_ip(address)), address


class NeutraliseTests(SimpleTestCase):
    def test_cells_a_spreadsheet_would_run_become_text(self):
        for value in ("=1+2", "+33 1", "-2+3", "@SUM(A1)", "\t=x", "\r=x"):
            assert neutralise(value) == "'" + value

    def test_other_cells_are_unchanged(self):
        for value in ("Plain words", "a=b", "", 42):
            assert neutralise(value) == str(value)


def node(pk, parent_id=None):
    return SimpleNamespace(pk=pk, parent_id=parent_id)


class PlanErasureTests(SimpleTestCase):
    def test_keeping_the_text_only_anonymises(self):
        comments = [node(1), node(2, 1)]
        assert plan_erasure(comments, {1, 2}, delete_text=False) == [
            (comments[0], Fate.ANONYMISED),
            (comments[1], Fate.ANONYMISED),
        ]

    def test_a_comment_nobody_answered_is_deleted_with_its_own_replies(self):
        own, own_reply = node(1), node(2, 1)
        plan = plan_erasure([own, own_reply], set(), delete_text=True)
        assert [fate for _comment, fate in plan] == [Fate.DELETED, Fate.DELETED]

    def test_a_reply_by_someone_else_keeps_its_ancestors_as_placeholders(self):
        top, middle, aside = node(1), node(2, 1), node(3)
        plan = plan_erasure([top, middle, aside], {2}, delete_text=True)
        assert {comment.pk: fate for comment, fate in plan} == {
            1: Fate.PLACEHOLDER,
            2: Fate.PLACEHOLDER,
            3: Fate.DELETED,
        }


class ExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(title="Sanctions & chains")
        cls.first = make_comment(
            cls.article,
            author_email="Reader@Example.com",
            author_url="https://reader.example",
            user_agent="Firefox/128",
            body='=HYPERLINK("https://evil.example")',
        )
        cls.reply = make_comment(
            cls.article,
            parent=cls.first,
            status=Comment.Status.PENDING,
            body="Second thoughts.",
        )
        make_comment(cls.article, author_email="other@example.com", body="Not mine")

    def test_rows_hold_every_comment_made_with_the_address_whatever_its_case(self):
        rows = personal_data_export("reader@EXAMPLE.com")
        assert [row["comment"] for row in rows] == [self.first.pk, self.reply.pk]
        assert rows[1] == {
            "comment": self.reply.pk,
            "discussion": "Sanctions & chains",
            "page": "",
            "submitted_at": self.reply.submitted_at.isoformat(),
            "status": "Pending",
            "author_name": "Reader",
            "author_email": "reader@example.com",
            "author_url": "",
            "ip_address": "203.0.113.7",
            "user_agent": "",
            "body": "Second thoughts.",
            "in_reply_to": self.first.pk,
        }

    def test_a_blank_address_matches_no_comment(self):
        make_comment(self.article, author_email="")
        assert personal_data_export("  ") == []

    def test_the_command_writes_json(self):
        out = io.StringIO()
        call_command(
            "export_personal_data",
            "reader@example.com",
            stdout=out,
            stderr=io.StringIO(),
        )
        rows = json.loads(out.getvalue())
        assert [row["body"] for row in rows] == [self.first.body, "Second thoughts."]
        assert rows[0]["user_agent"] == "Firefox/128"

    def test_the_command_writes_a_csv_safe_for_spreadsheets(self):
        folder = self.enterContext(tempfile.TemporaryDirectory())
        path = Path(folder) / "export.csv"
        err = io.StringIO()
        call_command(
            "export_personal_data",
            "reader@example.com",
            file_format="csv",
            output=path,
            stderr=err,
        )
        assert "Exported 2 comment(s) made with reader@example.com." in err.getvalue()
        text = path.read_text(encoding="utf-8-sig")
        header, first, _reply = csv.reader(io.StringIO(text))
        assert header[:5] == ["Comment", "Discussion", "Page address", "Date", "Status"]
        assert first[10] == '\'=HYPERLINK("https://evil.example")'


class EraseTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.editor = make_editor()
        cls.answered = make_comment(
            cls.article,
            author_email="reader@example.com",
            author_url="https://reader.example",
            user_agent="Firefox/128",
            body="Answered words",
        )
        cls.answer = make_comment(
            cls.article,
            parent=cls.answered,
            author_name="Someone else",
            author_email="else@example.com",
            body="An answer",
        )
        cls.alone = make_comment(
            cls.article, author_email="READER@example.com", body="Lonely words"
        )

    def erase(self, **options):
        out = io.StringIO()
        call_command("erase_personal_data", "reader@example.com", stdout=out, **options)
        return out.getvalue()

    def test_the_commenter_becomes_anonymous_and_the_text_stays(self):
        self.erase(by="editor")
        for comment in Comment.objects.filter(pk__in=[self.answered.pk, self.alone.pk]):
            assert comment.author_name == "Anonymous"
            assert comment.author_email == ""
            assert comment.author_url == ""
            assert comment.user_agent == ""
            assert comment.ip_address == "203.0.113.0"
            assert not comment.is_removed
        assert Comment.objects.get(pk=self.alone.pk).body == "Lonely words"

    def test_other_commenters_are_untouched(self):
        self.erase(by="editor")
        answer = Comment.objects.get(pk=self.answer.pk)
        assert answer.author_name == "Someone else"
        assert answer.ip_address == "203.0.113.7"

    def test_deleting_the_text_leaves_a_placeholder_where_there_are_replies(self):
        output = self.erase(by="editor", delete_text=True)
        assert "1 stay as placeholders, 1 deleted." in output
        assert not Comment.objects.filter(pk=self.alone.pk).exists()
        placeholder = Comment.objects.get(pk=self.answered.pk)
        assert placeholder.is_removed
        assert placeholder.body == ""
        assert Comment.objects.get(pk=self.answer.pk).parent == placeholder
        page = self.client.get(self.article.get_absolute_url())
        self.assertContains(page, "This comment was deleted.")
        self.assertContains(page, "An answer")
        self.assertNotContains(page, "Answered words")
        self.assertNotContains(page, "Lonely words")

    def test_a_dry_run_shows_what_would_change_and_changes_nothing(self):
        output = self.erase(dry_run=True, delete_text=True)
        assert f"comment {self.answered.pk} on 'A test article'" in output
        assert "text deleted, kept as a placeholder for replies" in output
        assert "Would erase the personal data in 2 comment(s)" in output
        assert (
            Comment.objects.filter(author_email__iexact="reader@example.com").count()
            == 2
        )
        assert not LogEntry.objects.exists()

    def test_the_history_records_each_erasure_and_forgets_the_old_name(self):
        old = LogEntry.objects.log_actions(
            user_id=self.editor.pk, queryset=[self.answered], action_flag=CHANGE
        )[0]
        assert "Reader" in old.object_repr
        self.erase(by="editor", delete_text=True)
        old.refresh_from_db()
        assert old.object_repr == f"Comment {self.answered.pk} by Anonymous"
        change = LogEntry.objects.exclude(pk=old.pk).get(action_flag=CHANGE)
        assert change.user == self.editor
        assert change.object_id == str(self.answered.pk)
        assert change.get_change_message() == (
            "Changed Name, Email, Website, IP address, User agent and Comment."
        )
        deletion = LogEntry.objects.get(action_flag=DELETION)
        assert deletion.object_id == str(self.alone.pk)
        assert "Reader" not in deletion.object_repr

    def test_running_again_finds_nothing_left(self):
        self.erase(by="editor")
        assert "No comment was made with reader@example.com." in self.erase(by="editor")

    def test_the_editor_must_be_named_and_allowed(self):
        with self.assertRaisesMessage(CommandError, "--by USERNAME"):
            self.erase()
        get_user_model().objects.create_user("intern", is_staff=True)
        with self.assertRaisesMessage(CommandError, "'intern' is not a user allowed"):
            self.erase(by="intern")
        assert Comment.objects.get(pk=self.alone.pk).author_name == "Reader"

    def test_the_service_returns_the_plan(self):
        plan = personal_data_erase(
            email="reader@example.com", delete_text=False, dry_run=True
        )
        assert [(c.pk, fate) for c, fate in plan] == [
            (self.answered.pk, Fate.ANONYMISED),
            (self.alone.pk, Fate.ANONYMISED),
        ]


class PolicyTests(TestCase):
    def test_the_policy_states_the_retention_period_in_force(self):
        assert "for 60 days to fight spam" in policy_text()
        with self.settings(NEWSROOM_IP_RETENTION_DAYS=1):
            assert "for 1 day to fight spam" in policy_text()

    def test_the_documented_policy_is_the_one_the_settings_give(self):
        out = io.StringIO()
        call_command("privacy_policy", stdout=out)
        assert out.getvalue().strip() in DOCS.read_text(encoding="utf-8")
