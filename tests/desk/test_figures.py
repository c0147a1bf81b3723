"""The moderation desk: the overview page, its numbers and its chart."""

from datetime import date, timedelta

from django.test import TestCase
from django.utils import timezone

from comments.models import BudgetRefusal, Comment, Decision, Discussion
from comments.services import comment_moderate, comment_reply
from desk.charts import nice_step, stacked_bars
from tests.factories import make_article, make_comment, make_editor

DESK = "/admin/desk/"


class DeskPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.busy = make_article(title="Busy story", slug="busy")
        now = timezone.now()
        cls.oldest = make_comment(
            cls.busy, status="pending", submitted_at=now - timedelta(days=3, hours=2)
        )
        make_comment(cls.busy, status="pending", submitted_at=now - timedelta(hours=5))
        make_comment(cls.article, status="pending")
        make_comment(cls.article, status="approved", submitted_at=now)
        make_comment(cls.article, status="spam", submitted_at=now - timedelta(days=40))
        cls.editor = make_editor()
        cls.editor.first_name, cls.editor.last_name = "Mira", "Sokolova"
        cls.editor.save()
        cls.other_editor = make_editor("tomas")

    def setUp(self):
        self.client.force_login(self.editor)

    def decide(self, user, status, count=1):
        for _ in range(count):
            comment = make_comment(self.article, status="pending")
            comment_moderate(
                comments=Comment.objects.filter(pk=comment.pk), status=status, user=user
            )

    def test_the_desk_shows_the_queue_and_the_oldest_wait(self):
        response = self.client.get(DESK)
        self.assertContains(response, "<h1>Moderation desk</h1>", html=True)
        self.assertContains(response, '<span class="desk-card-number">3</span>')
        self.assertContains(response, "comments wait for a decision")
        self.assertContains(response, "3\xa0days, 2\xa0hours")

    def test_discussions_with_the_most_pending_comments_come_first(self):
        content = self.client.get(DESK).content.decode()
        busiest = content.index("Busy story")
        assert busiest < content.index("A test article", busiest)
        busy = Discussion.objects.for_object(self.busy)
        assert f"?discussion__id__exact={busy.pk}" in content

    def test_each_editor_s_decisions_of_the_last_week_are_counted(self):
        self.decide(self.editor, "approved", 3)
        self.decide(self.editor, "spam")
        self.decide(self.other_editor, "trash", 2)
        comment_reply(parent=self.oldest, body="We are on it.", user=self.editor)
        response = self.client.get(DESK)
        # Mira: 3 approved + the approval that came with her reply, 1 spam,
        # 1 reply; tomas: 2 trash.
        self.assertInHTML(
            "<tr><th scope='row'>Mira Sokolova</th><td>4</td><td>1</td><td>0</td>"
            "<td>0</td><td>1</td><td>6</td></tr>",
            response.content.decode(),
        )
        self.assertInHTML(
            "<tr><th scope='row'>tomas</th><td>0</td><td>0</td><td>2</td>"
            "<td>0</td><td>0</td><td>2</td></tr>",
            response.content.decode(),
        )

    def test_decisions_older_than_a_week_are_left_out(self):
        self.decide(self.other_editor, "approved")
        Decision.objects.update(created_at=timezone.now() - timedelta(days=8))
        self.assertContains(self.client.get(DESK), "No decisions in that time.")

    def test_the_chart_is_an_svg_drawn_on_the_server(self):
        response = self.client.get(DESK)
        self.assertContains(response, '<svg class="desk-chart"')
        self.assertContains(response, 'role="img"')
        # Today's bar holds one approved comment (and the pending ones).
        self.assertContains(response, 'fill="#2e7d32"')
        self.assertNotContains(response, "<script>")
        self.assertNotContains(response, 'style="')

    def test_the_table_under_the_chart_gives_the_numbers(self):
        response = self.client.get(DESK)
        self.assertContains(response, "The numbers, day by day")
        self.assertContains(response, '<th scope="col">Approved</th>', html=True)

    def test_the_desk_costs_a_fixed_number_of_queries(self):
        # Session, user and permissions (4), the five figures, the badge.
        self.decide(self.editor, "approved", 2)
        with self.assertNumQueries(9):
            self.client.get(DESK)
        for _ in range(20):
            make_comment(self.busy, status="pending")
            make_comment(make_article(slug=f"s{_}", title=f"S{_}"), status="pending")
        self.decide(self.other_editor, "spam", 5)
        with self.assertNumQueries(9):
            self.client.get(DESK)

    def test_requests_refused_by_the_budgets_are_counted(self):
        today = timezone.localdate()
        BudgetRefusal.objects.create(day=today, budget="post", refused=3)
        BudgetRefusal.objects.create(day=today, budget="challenge", refused=4)
        BudgetRefusal.objects.create(
            day=today - timedelta(days=30), budget="post", refused=50
        )
        response = self.client.get(DESK)
        self.assertContains(
            response, "requests refused by the attempt budgets, last 7 days"
        )
        self.assertContains(response, '<span class="desk-card-number">7</span>')

    def test_the_admin_index_links_the_desk(self):
        self.assertContains(self.client.get("/admin/"), f'href="{DESK}"')

    def test_every_admin_page_shows_the_pending_badge(self):
        for url in ("/admin/", "/admin/comments/keyword/", "/admin/articles/article/"):
            response = self.client.get(url)
            self.assertContains(response, 'class="desk-badge desk-badge-waiting"')
            self.assertContains(response, "3 pending")

    def test_a_staff_user_outside_editors_sees_no_desk_and_no_badge(self):
        outsider = make_editor("outsider")
        outsider.groups.clear()
        self.client.force_login(outsider)
        assert self.client.get(DESK).status_code == 403
        self.assertNotContains(self.client.get("/admin/"), "desk-badge")

    def test_anonymous_visitors_are_sent_to_log_in(self):
        self.client.logout()
        response = self.client.get(DESK)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


class ChartTests(TestCase):
    def test_steps_are_round_numbers(self):
        assert [nice_step(n) for n in (1, 4, 5, 9, 19, 41, 399)] == [
            1,
            1,
            2,
            5,
            5,
            20,
            100,
        ]

    def test_bars_stack_in_order_and_scale_to_the_highest_day(self):
        series = [("approved", "Approved", "#0a0"), ("spam", "Spam", "#a00")]
        days = [
            (date(2026, 1, 1), {"approved": 2, "spam": 2}),
            (date(2026, 1, 2), {"approved": 0, "spam": 0}),
            (date(2026, 1, 3), {"approved": 1, "spam": 0}),
        ]
        chart = stacked_bars(days, series)
        first, empty, last = chart.bars
        approved, spam = first.segments
        # The tallest day (4) fills the plot; spam sits on top of approved.
        assert approved.height == spam.height
        assert spam.y + spam.height == approved.y
        assert round(approved.y + approved.height) == chart.baseline
        assert [segment.count for segment in empty.segments] == [0, 0]
        assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3, 4]
        assert last.labelled and not empty.labelled
        assert first.x < empty.x < last.x

    def test_an_empty_month_draws_no_bars(self):
        chart = stacked_bars([(date(2026, 1, 1), {})], [("approved", "A", "#0a0")])
        assert chart.bars[0].segments[0].height == 0
