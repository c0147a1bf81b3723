"""Readers report a published comment; editors see it in the Reported tab."""

import re

from django.test import Client, TestCase, override_settings

from comments.models import Comment, Decision, Report
from tests.factories import make_article, make_comment, make_editor

QUEUE = "/admin/comments/comment/"
TAB = 'Reported <span class="desk-tab-count">({})</span>'


def report_url(comment):
    return f"/comments/{comment.pk}/report/"


class ReportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.comment = make_comment(cls.article, body="You are all idiots")
        cls.editor = make_editor()

    def report(self, client=None, ip="198.51.100.4", comment=None, **data):
        client = client or self.client
        comment = comment or self.comment
        page = client.get(report_url(comment))
        found = re.search(r'name="timestamp" value="([^"]+)"', page.content.decode())
        data = {"reason": "abusive", "note": "", "timestamp": found.group(1), **data}
        return client.post(report_url(comment), data, REMOTE_ADDR=ip)


class ReportFormTests(ReportTestCase):
    def test_every_published_comment_has_a_report_link(self):
        page = self.client.get(self.article.get_absolute_url())
        self.assertContains(page, f'href="{report_url(self.comment)}"')
        self.assertContains(page, ">Report</a>")

    def test_the_form_offers_the_reasons_with_its_own_token(self):
        page = self.client.get(report_url(self.comment))
        for label in ["Spam", "Abusive", "Off-topic", "Personal information"]:
            self.assertContains(page, label)
        self.assertContains(page, 'name="csrfmiddlewaretoken"')
        assert "no-cache" in page["Cache-Control"]

    def test_a_report_thanks_the_reader_and_is_stored(self):
        response = self.report(note="Insults")
        self.assertRedirects(
            response,
            f"{self.article.get_absolute_url()}#comments",
            fetch_redirect_response=False,
        )
        page = self.client.get(response["Location"])
        self.assertContains(page, "Thank you, an editor will look at it.")
        report = Report.objects.get()
        assert (report.comment, report.reason, report.note) == (
            self.comment,
            "abusive",
            "Insults",
        )

    def test_one_report_per_reader_per_comment(self):
        self.report()
        self.report(reason="spam")
        assert Report.objects.count() == 1

    def test_an_address_may_send_only_so_many_reports_an_hour(self):
        others = [make_comment(self.article, body=f"c{i}") for i in range(3)]
        with override_settings(COMMENTS_REPORTS_PER_HOUR=2):
            for comment in others[:2]:
                assert self.report(comment=comment).status_code == 302
            response = self.report(comment=others[2])
        assert response.status_code == 429
        self.assertContains(response, "many reports in the last hour", status_code=429)
        assert Report.objects.count() == 2

    def test_no_reason_or_a_forged_stamp_is_a_clear_400(self):
        response = self.report(reason="")
        self.assertContains(
            response, "Choose why you report this comment.", status_code=400
        )
        response = self.client.post(
            report_url(self.comment), {"reason": "spam", "timestamp": "forged"}
        )
        self.assertContains(response, "damaged on its way", status_code=400)
        assert not Report.objects.exists()

    def test_a_comment_that_is_not_public_cannot_be_reported(self):
        held = make_comment(self.article, status="pending")
        assert self.client.get(report_url(held)).status_code == 404


class HoldTests(ReportTestCase):
    def test_three_readers_send_an_approved_comment_back_to_pending(self):
        for number, reason in enumerate(["abusive", "spam", "abusive"]):
            self.report(client=Client(), ip=f"198.51.100.{number}", reason=reason)
        self.comment.refresh_from_db()
        assert self.comment.status == "pending"
        decision = Decision.objects.get()
        assert (decision.actor, decision.source) == ("report", "report_form")
        assert decision.note == "reported by 3 readers: abusive, spam"
        assert str(decision).startswith("Held for moderation by readers' reports")

    def test_two_readers_are_not_enough(self):
        for number in range(2):
            self.report(client=Client(), ip=f"198.51.100.{number}")
        self.comment.refresh_from_db()
        assert self.comment.status == "approved"


class ReportedTabTests(ReportTestCase):
    def setUp(self):
        self.report(client=Client(), reason="abusive", note="Insults")
        self.report(client=Client(), reason="spam")
        self.client.force_login(self.editor)

    def test_the_reported_tab_shows_the_count_and_the_reasons(self):
        response = self.client.get(QUEUE + "?status=reported")
        self.assertContains(response, TAB.format(1))
        self.assertContains(response, "Reported by 2 readers:")
        self.assertContains(response, "abusive: Insults; spam")
        self.assertContains(response, "You are all idiots")

    def test_dismissing_the_reports_empties_the_tab(self):
        response = self.client.post(
            QUEUE + "?status=reported",
            {"action": "dismiss_reports", "_selected_action": [self.comment.pk]},
            follow=True,
        )
        self.assertContains(response, "Reports dismissed on 1 comment.")
        self.assertContains(response, TAB.format(0))
        assert Comment.objects.get(pk=self.comment.pk).status == "approved"
