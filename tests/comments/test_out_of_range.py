"""Ids too large for any database column get 400 or 404, never a 500.

(The admin's own views answer an id they cannot find with a redirect to the
list and a "doesn't exist" message: that 302 is Django's.)
"""

from django.test import TestCase

from tests.factories import make_article, make_comment, make_editor

HUGE = "99999999999999999999"


class OutOfRangeIdTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.comment = make_comment(cls.article, status="pending")

    def setUp(self):
        self.client.raise_request_exception = False

    def test_admin_actions_refuse_huge_ids(self):
        self.client.force_login(make_editor())
        response = self.client.post(
            "/admin/comments/comment/",
            {"action": "approve", "_selected_action": [str(self.comment.pk), HUGE]},
            follow=True,
        )
        self.assertContains(response, "Those are not comments one can select.")
        self.comment.refresh_from_db()
        assert self.comment.status == "pending"

    def test_urls_with_huge_ids_are_not_found(self):
        self.client.force_login(make_editor())
        for url in (
            f"/comments/{HUGE}/",
            f"/articles/a-test-article/comment-page-{HUGE}/",
            f"/admin/comments/comment/{HUGE}/change/",
            f"/admin/comments/comment/{HUGE}/decide/",
            f"/admin/comments/comment/{HUGE}/history/",
            f"/admin/articles/article/{HUGE}/change/",
        ):
            response = self.client.get(url)
            assert response.status_code in {302, 400, 404}, (url, response.status_code)
        for url in (
            f"/admin/comments/comment/{HUGE}/decide/",
            f"/admin/comments/comment/{HUGE}/reply/",
        ):
            response = self.client.post(url, {"status": "approved", "body": "Hi"})
            assert response.status_code in {302, 400, 404}, (url, response.status_code)
        self.comment.refresh_from_db()
        assert self.comment.status == "pending"
