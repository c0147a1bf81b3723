import io
from datetime import timedelta

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from comments.ledger import Reason
from comments.models import Comment, Report
from comments.personal_data import retention_apply, retention_apply_reports
from tests.factories import make_article, make_comment


class RetentionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        article = make_article()
        cls.now = timezone.now()
        old = cls.now - timedelta(days=61)
        cls.ipv4 = make_comment(
            article, ip_address="203.0.113.7", user_agent="Firefox", submitted_at=old
        )
        cls.ipv6 = make_comment(
            article,
            ip_address="2001:db8:85a3:8d3:1319:8a2e:370:7348",
            user_agent="Safari",
            submitted_at=old,
        )
        cls.no_ip = make_comment(
            article, ip_address=None, user_agent="curl/8", submitted_at=old
        )
        cls.recent = make_comment(
            article,
            ip_address="198.51.100.9",
            user_agent="Chrome",
            submitted_at=cls.now - timedelta(days=59),
        )

    def reload(self, comment):
        return Comment.objects.values_list("ip_address", "user_agent").get(
            pk=comment.pk
        )

    def test_old_addresses_are_truncated_and_user_agents_dropped(self):
        assert retention_apply(now=self.now) == 3
        assert self.reload(self.ipv4) == ("203.0.113.0", "")
        assert self.reload(self.ipv6) == ("2001:db8:85a3::", "")
        assert self.reload(self.no_ip) == (None, "")

    def test_comments_inside_the_period_keep_their_data(self):
        retention_apply(now=self.now)
        assert self.reload(self.recent) == ("198.51.100.9", "Chrome")

    def test_the_period_comes_from_the_settings(self):
        with self.settings(NEWSROOM_IP_RETENTION_DAYS=30):
            assert retention_apply(now=self.now) == 4
        assert self.reload(self.recent) == ("198.51.100.0", "")

    def test_running_again_finds_nothing_to_do_in_one_query(self):
        retention_apply(now=self.now)
        with self.assertNumQueries(1):
            assert retention_apply(now=self.now) == 0

    def test_a_backlog_is_trimmed_in_batches(self):
        assert retention_apply(now=self.now, batch_size=2) == 3
        assert not Comment.objects.untrimmed(before=self.now - timedelta(days=60))

    def test_truncated_addresses_stay_valid_and_searchable(self):
        retention_apply(now=self.now)
        network = Comment.objects.filter(ip_address__startswith="203.0.113.")
        assert list(network) == [self.ipv4]
        assert Comment.objects.filter(ip_address="203.0.113.0").get() == self.ipv4

    def test_the_command_reports_what_it_trimmed(self):
        out = io.StringIO()
        call_command("apply_retention", stdout=out)
        assert out.getvalue() == (
            "Trimmed the IP address and user agent of 3 comment(s) and the IP "
            "address of 0 report(s) older than 60 days.\n"
        )
        call_command("apply_retention", stdout=out, verbosity=0)
        assert out.getvalue().count("Trimmed") == 1


class ReportRetentionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        comment = make_comment(make_article())
        cls.now = timezone.now()
        cls.old, cls.recent = (
            Report.objects.create(
                comment=comment,
                reason=Reason.SPAM,
                reporter=reporter,
                ip_address="203.0.113.7",
                created_at=cls.now - timedelta(days=days),
            )
            for reporter, days in [("a", 61), ("b", 59)]
        )

    def test_old_reports_forget_their_address_and_recent_ones_keep_it(self):
        assert retention_apply_reports(now=self.now) == 1
        self.old.refresh_from_db()
        self.recent.refresh_from_db()
        assert (self.old.ip_address, self.recent.ip_address) == (None, "203.0.113.7")
        assert self.old.reason == Reason.SPAM  # the report itself stays
        assert retention_apply_reports(now=self.now) == 0
