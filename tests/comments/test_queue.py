"""The queue's rows: enough to judge from, and to act on without leaving."""

from django.test import TestCase

from comments.models import Comment, Report
from tests.factories import discussion_for, make_article, make_comment, make_editor

QUEUE = "/admin/comments/comment/"
PICKS = "Editors\u2019 picks"


class RowTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.parent = make_comment(cls.article, author_name="Daniyar")
        cls.comment = make_comment(
            cls.article,
            status="pending",
            parent=cls.parent,
            body="Start of a long one. " + "Middle words. " * 40 + "The very end.",
            author_email="Aigerim@Example.com",
            ip_address="203.0.113.9",
        )
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def test_the_whole_text_is_there_the_long_part_behind_show_more(self):
        response = self.client.get(QUEUE)
        self.assertContains(response, "Start of a long one.")
        self.assertContains(response, "The very end.")
        self.assertContains(response, "<summary>Show more</summary>", html=True)

    def test_the_row_says_whom_the_comment_answers_and_links_to_the_post(self):
        response = self.client.get(QUEUE)
        self.assertContains(response, "in reply to <em>Daniyar</em>", html=True)
        discussion = discussion_for(self.article)
        self.assertContains(response, f'href="/discussions/{discussion.pk}/"')
        self.assertContains(response, "View post")
        approved = self.client.get(QUEUE + "?status=approved")
        self.assertContains(approved, f'href="/comments/{self.parent.pk}/"')

    def test_the_author_s_email_and_address_filter_the_queue(self):
        response = self.client.get(QUEUE)
        self.assertContains(
            response,
            f'href="{QUEUE}?author_email__iexact=Aigerim%40Example.com&amp;status=all"',
        )
        by_email = self.client.get(
            QUEUE, {"author_email__iexact": "aigerim@example.com", "status": "all"}
        )
        self.assertContains(by_email, "Start of a long one.")
        self.assertNotContains(by_email, "A thoughtful comment.")
        by_address = self.client.get(
            QUEUE, {"ip_address": "203.0.113.9", "status": "all"}
        )
        self.assertContains(by_address, "Start of a long one.")

    def test_each_row_has_a_form_of_its_own_outside_the_queue_s_form(self):
        response = self.client.get(QUEUE + "?status=pending")
        html = response.content.decode()
        queue_form_end = html.index("</form>", html.index('id="changelist-form"'))
        assert html.index(f'id="desk-row-{self.comment.pk}"') > queue_form_end
        self.assertContains(response, f'form="desk-row-{self.comment.pk}"')

    def test_replying_from_the_row_publishes_and_comes_back(self):
        back = QUEUE + "?status=pending"
        response = self.client.post(
            f"{QUEUE}{self.comment.pk}/reply/",
            {"body": "Thanks, fixed.", "next": back, "edit-body": "ignored"},
        )
        self.assertRedirects(response, back, fetch_redirect_response=False)
        reply = Comment.objects.get(by_newsroom=True)
        assert (reply.body, reply.parent_id) == ("Thanks, fixed.", self.comment.pk)

    def test_quick_edit_from_the_row_saves_text_name_and_website(self):
        back = QUEUE + "?status=pending"
        response = self.client.post(
            f"{QUEUE}{self.comment.pk}/quick-edit/",
            {
                "edit-body": "Shorter now.",
                "edit-author_name": "Aigerim K.",
                "edit-author_url": "aigerim.example",
                "body": "",
                "next": back,
            },
        )
        self.assertRedirects(response, back, fetch_redirect_response=False)
        self.comment.refresh_from_db()
        assert (
            self.comment.body,
            self.comment.author_name,
            self.comment.author_url,
        ) == ("Shorter now.", "Aigerim K.", "https://aigerim.example")
        history = self.client.get(f"{QUEUE}{self.comment.pk}/history/")
        self.assertContains(history, "Changed Comment, Name and Website.")

    def test_a_mistake_in_quick_edit_gets_a_plain_page_with_the_text_kept(self):
        response = self.client.post(
            f"{QUEUE}{self.comment.pk}/quick-edit/",
            {
                "edit-body": "Kept text",
                "edit-author_name": "",
                "edit-author_url": "not a url at all",
            },
        )
        assert response.status_code == 400
        self.assertContains(response, "Kept text", status_code=400)
        self.assertContains(response, "Enter a valid URL.", status_code=400)
        self.comment.refresh_from_db()
        assert self.comment.body.startswith("Start of a long one.")


class FeaturedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.first = make_comment(cls.article, body="An early, ordinary comment")
        cls.best = make_comment(cls.article, body="The most useful comment")
        cls.held = make_comment(cls.article, status="pending", body="Held one")
        cls.editor = make_editor()

    def feature(self, *comments, action="feature"):
        self.client.force_login(self.editor)
        return self.client.post(
            QUEUE + "?status=all",
            {"action": action, "_selected_action": [c.pk for c in comments]},
            follow=True,
        )

    def test_editors_feature_approved_comments_only(self):
        response = self.feature(self.best, self.held)
        self.assertContains(response, "1 comment featured as an editors&#x27; pick.")
        assert set(Comment.objects.filter(featured=True)) == {self.best}

    def test_the_article_shows_editors_picks_first_with_a_badge(self):
        self.client.get(self.article.get_absolute_url())  # cached before the change
        self.feature(self.best)
        self.client.logout()
        page = self.client.get(self.article.get_absolute_url()).content.decode()
        picks = page.index(PICKS)
        assert picks < page.index("An early, ordinary comment")
        assert page.index("The most useful comment") > picks
        assert page.count('class="badge-pick"') == 2  # in the picks and the thread
        assert f'href="#comment-{self.best.pk}"' in page

    def test_unfeaturing_removes_the_pick(self):
        self.feature(self.best)
        self.feature(self.best, action="unfeature")
        self.client.logout()
        page = self.client.get(self.article.get_absolute_url())
        self.assertNotContains(page, PICKS)


class QueryBudgetTests(TestCase):
    """Every tab, search included, and the decisions on 1,000 comments: a
    fixed number of queries (the bench measures their time)."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.editor = make_editor()
        for status in ("pending", "approved", "spam", "trash"):
            for number in range(3):
                parent = make_comment(
                    cls.article, status=status, body=f"Tashkent {number}"
                )
                make_comment(cls.article, status=status, parent=parent)
        reported = Comment.objects.approved().first()
        Report.objects.create(comment=reported, reason="spam", reporter="r1")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_every_tab_and_search_costs_at_most_ten_queries(self):
        for query in [
            "",
            "?status=reported",
            "?status=approved",
            "?status=spam",
            "?status=trash",
            "?status=all",
            "?q=Tashkent",
            "?status=all&q=Tashkent",
        ]:
            with self.assertNumQueries(10):
                response = self.client.get(QUEUE + query)
            assert response.status_code == 200

    def thousand_pending(self):
        discussion = discussion_for(self.article)
        Comment.objects.bulk_create(
            Comment(
                discussion=discussion,
                author_name="Bot",
                author_email="bot@spam.example",
                body=f"Pills {number}",
                status="pending",
                ip_address="192.0.2.1",
            )
            for number in range(1000)
        )
        return list(
            Comment.objects.filter(author_email="bot@spam.example").values_list(
                "pk", flat=True
            )
        )

    def test_a_bulk_decision_on_a_thousand_and_its_undo_are_one_request_each(self):
        ids = self.thousand_pending()
        # "Select all" of the author's comments: the ids are not sent.
        with self.assertNumQueries(11):
            self.client.post(
                QUEUE + "?author_email__iexact=bot@spam.example",
                {
                    "action": "mark_spam",
                    "_selected_action": ids[:1],
                    "select_across": "1",
                },
            )
        assert Comment.objects.filter(pk__in=ids, status="spam").count() == 1000
        batch = Comment.objects.get(pk=ids[0]).decisions.get().batch
        with self.assertNumQueries(11):
            self.client.post(QUEUE + "undo/", {"batch": str(batch)})
        assert Comment.objects.filter(pk__in=ids, status="pending").count() == 1000

    def test_a_ban_of_an_author_with_a_thousand_pending_is_one_request(self):
        ids = self.thousand_pending()
        with self.assertNumQueries(12):
            self.client.post(
                f"{QUEUE}{ids[0]}/block/",
                {"kinds": ["email", "address"], "days": "", "reason": "pills"},
            )
        assert Comment.objects.filter(pk__in=ids, status="spam").count() == 1000
