from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.test import TestCase

from comments.models import Comment, Decision, Discussion, Keyword
from tests.comments.base import EditorTestCase
from tests.factories import make_article, make_comment, make_editor

QUEUE = "/admin/comments/comment/"


class QueueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.other = make_article(title="Other story", slug="other")
        cls.pending = make_comment(
            cls.article,
            status="pending",
            body="Pending words",
            author_name="Penny",
            author_email="penny@example.com",
            ip_address="192.0.2.33",
        )
        make_comment(cls.article, status="approved", body="Approved words")
        make_comment(cls.other, status="spam", body="Spam words")
        make_comment(cls.other, status="trash", body="Trashed words")
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def test_the_queue_opens_on_pending_comments(self):
        response = self.client.get(QUEUE)
        self.assertContains(response, "Pending words")
        for text in ("Approved words", "Spam words", "Trashed words"):
            self.assertNotContains(response, text)

    def test_rows_show_author_email_ip_article_and_time(self):
        response = self.client.get(QUEUE)
        for text in ("Penny", "penny@example.com", "192.0.2.33", "A test article"):
            self.assertContains(response, text)

    def test_status_tabs_across_the_top_show_counts(self):
        response = self.client.get(QUEUE + "?q=words")
        for value, label, count in [
            ("pending", "Pending", 1),
            ("reported", "Reported", 0),
            ("approved", "Approved", 1),
            ("spam", "Spam", 1),
            ("trash", "Trash", 1),
            ("all", "All", 4),
        ]:
            current = ' aria-current="page"' if value == "pending" else ""
            self.assertContains(
                response,
                f'<a href="?status={value}&amp;q=words"{current}>{label} '
                f'<span class="desk-tab-count">({count})</span></a>',
                html=True,
            )
        self.assertContains(response, "<title>Comments | Newsroom</title>")

    def test_a_search_that_finds_nothing_here_offers_every_status(self):
        response = self.client.get(QUEUE + "?q=Approved")
        self.assertNotContains(response, "Approved words")
        self.assertContains(
            response, '<a href="?status=all&amp;q=Approved">Search all statuses</a>'
        )
        response = self.client.get(QUEUE + "?q=Approved&status=all")
        self.assertContains(response, "Approved words")

    def test_each_tab_lists_its_comments(self):
        self.assertContains(self.client.get(QUEUE + "?status=spam"), "Spam words")
        response = self.client.get(QUEUE + "?status=all")
        for text in ("Pending words", "Approved words", "Spam words", "Trashed words"):
            self.assertContains(response, text)

    def test_an_unknown_status_falls_back_to_pending(self):
        response = self.client.get(QUEUE + "?status=bogus")
        self.assertContains(response, "Pending words")
        self.assertNotContains(response, "Approved words")

    def test_filter_by_discussion(self):
        discussion = Discussion.objects.for_object(self.other)
        response = self.client.get(
            QUEUE + f"?status=all&discussion__id__exact={discussion.pk}"
        )
        self.assertContains(response, "Spam words")
        self.assertNotContains(response, "Pending words")

    def test_search_covers_text_name_email_and_ip(self):
        for term in ("Pending", "Penny", "penny@example.com", "192.0.2.33"):
            response = self.client.get(QUEUE, {"q": term, "status": "all"})
            self.assertContains(response, "Pending words")
            self.assertNotContains(response, "Approved words")

    def test_the_changelist_query_count_is_fixed(self):
        for _ in range(30):
            make_comment(self.article, status="pending")
        with self.assertNumQueries(10):
            self.client.get(QUEUE)


class ModerationActionTests(EditorTestCase):
    def act(self, action, comments, status="pending", follow=True):
        return self.client.post(
            f"{QUEUE}?status={status}",
            {"action": action, "_selected_action": [c.pk for c in comments]},
            follow=follow,
        )

    def test_approve_publishes_comments_at_once(self):
        comments = [
            make_comment(self.article, status="pending", body=f"c{i}") for i in range(2)
        ]
        response = self.act("approve", comments)
        self.assertContains(response, "2 comments approved.")
        assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
        self.assertInHTML(
            '<h2 id="comments-title">Comments (2)</h2>',
            self.client.get(self.article.get_absolute_url()).content.decode(),
        )

    def test_unapprove_sends_comments_back_to_pending(self):
        comment = make_comment(self.article, status="approved", body="Second thoughts")
        response = self.act("unapprove", [comment], status="approved")
        self.assertContains(response, "1 comment moved back to pending.")
        comment.refresh_from_db()
        assert comment.status == "pending"
        self.assertNotContains(
            self.client.get(self.article.get_absolute_url()), "Second thoughts"
        )

    def test_spam_and_trash_are_never_shown(self):
        spam = make_comment(self.article, status="approved", body="Buy pills")
        junk = make_comment(self.article, status="pending", body="Off topic")
        self.assertContains(
            self.act("mark_spam", [spam], status="all"), "1 comment marked as spam."
        )
        self.assertContains(self.act("trash", [junk]), "1 comment moved to the trash.")
        assert Comment.objects.get(pk=spam.pk).status == "spam"
        assert Comment.objects.get(pk=junk.pk).status == "trash"
        page = self.client.get(self.article.get_absolute_url())
        self.assertNotContains(page, "Buy pills")
        self.assertNotContains(page, "Off topic")

    def test_actions_count_only_comments_they_changed(self):
        done = make_comment(self.article, status="approved")
        todo = make_comment(self.article, status="pending")
        response = self.act("approve", [done, todo], status="all")
        self.assertContains(response, "1 comment approved.")

    def test_each_decision_is_recorded_in_the_history(self):
        comment = make_comment(self.article, status="pending")
        self.act("approve", [comment])
        decision = Decision.objects.get()
        assert decision.user == self.editor
        assert decision.comment == comment
        assert (decision.from_status, decision.to_status) == ("pending", "approved")
        assert decision.source == "bulk"
        assert not LogEntry.objects.exists()
        history = self.client.get(f"{QUEUE}{comment.pk}/history/")
        self.assertContains(history, "Approved by editor, ")
        self.assertContains(history, "was pending")
        self.assertContains(history, "(bulk action)")

    def test_bulk_actions_cost_a_fixed_number_of_queries(self):
        for size in (5, 40):
            comments = [
                make_comment(self.article, status="pending") for _ in range(size)
            ]
            with self.assertNumQueries(13):  # 12, and the page version
                self.act("approve", comments, follow=False)
            assert not Comment.objects.pending().exists()


class PermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.comment = make_comment(cls.article, status="pending")
        cls.outsider = get_user_model().objects.create_user(
            "outsider", password="a-long-test-password", is_staff=True
        )

    def test_a_staff_user_outside_editors_cannot_moderate(self):
        self.client.force_login(self.outsider)
        assert self.client.get(QUEUE).status_code == 403
        response = self.client.post(
            QUEUE, {"action": "approve", "_selected_action": [self.comment.pk]}
        )
        assert response.status_code == 403
        self.comment.refresh_from_db()
        assert self.comment.status == "pending"

    def test_an_anonymous_visitor_is_sent_to_the_login_page(self):
        response = self.client.post(
            QUEUE, {"action": "approve", "_selected_action": [self.comment.pk]}
        )
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        self.comment.refresh_from_db()
        assert self.comment.status == "pending"

    def test_editors_are_staff_but_not_superusers(self):
        editor = make_editor()
        assert editor.is_staff and not editor.is_superuser
        assert editor.has_perm("comments.moderate_comment")
        assert editor.has_perm("articles.change_article")
        assert not editor.has_perm("comments.delete_comment")


class ArticleAdminTests(TestCase):
    def test_articles_show_approved_and_pending_counts(self):
        article = make_article()
        for status in ("approved", "approved", "pending", "spam"):
            make_comment(article, status=status)
        self.client.force_login(make_editor())
        response = self.client.get("/admin/articles/article/")
        self.assertContains(
            response, '<td class="field-approved_comments">2</td>', html=True
        )
        self.assertContains(
            response, '<td class="field-pending_comments">1</td>', html=True
        )


class ReasonColumnTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        article = make_article()
        cls.linky = make_comment(article, status="pending", body="Linky")
        cls.linky.reasons.create(code="links", detail="3")
        cls.worded = make_comment(article, status="pending", body="Worded")
        cls.worded.reasons.create(code="moderation_term", field="body", detail="casino")
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def test_the_queue_shows_why_each_comment_was_held(self):
        response = self.client.get(QUEUE)
        self.assertContains(response, "contains 3 links")
        self.assertContains(
            response, "the comment contains the moderation word “casino”"
        )

    def test_editors_can_filter_by_reason(self):
        response = self.client.get(QUEUE, {"reason": "links"})
        self.assertContains(response, "Linky")
        self.assertNotContains(response, "Worded")
        self.assertContains(response, "Too many links")

    def test_the_comment_page_lists_its_reasons(self):
        response = self.client.get(f"{QUEUE}{self.linky.pk}/change/")
        self.assertContains(response, "contains 3 links")


class KeywordAdminTests(TestCase):
    def setUp(self):
        self.client.force_login(make_editor())

    def test_editors_keep_each_list_as_one_text_a_term_a_line(self):
        Keyword.objects.create(kind="moderate", term="casino")
        response = self.client.get("/admin/comments/keyword/")
        self.assertContains(response, "casino</textarea>")
        response = self.client.post(
            "/admin/comments/keyword/",
            {"moderate": "  crypto  \r\n\r\nCrypto\r\nloan", "disallow": "viagra"},
            follow=True,
        )
        self.assertContains(response, "Moderation words saved: 3 added, 1 removed.")
        assert set(Keyword.objects.values_list("kind", "term")) == {
            ("moderate", "crypto"),
            ("moderate", "loan"),
            ("disallow", "viagra"),
        }

    def test_a_term_too_long_keeps_the_text_and_says_why(self):
        response = self.client.post(
            "/admin/comments/keyword/", {"moderate": "x" * 201, "disallow": ""}
        )
        self.assertContains(response, "at most 200 characters", status_code=400)
        assert not Keyword.objects.exists()
