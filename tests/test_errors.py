"""Error pages in the site's look; a database error is a 503, never a 500."""

from django.db import OperationalError, connection
from django.test import TestCase, override_settings
from django.urls import include, path

from newsroom.settings import MIDDLEWARE
from tests.factories import make_article

SITE_LOOK = '<a class="site-name" href="/">Newsroom</a>'


def broken_view(request):
    raise RuntimeError("a bug")


def locked_view(request):
    raise OperationalError("database is locked")


class LockedDatabaseMiddleware:
    """Fails before any view, as the session middleware would without a database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("connection refused")


urlpatterns = [
    path("broken/", broken_view),
    path("locked/", locked_view),
    path("", include("newsroom.urls")),
]
handler500 = "newsroom.views.server_error"


@override_settings(ROOT_URLCONF="tests.test_errors")
class ErrorPageTests(TestCase):
    def setUp(self):
        self.client.raise_request_exception = False

    def test_a_missing_page_is_a_404_in_the_site_s_look(self):
        response = self.client.get("/no-such-page/")
        self.assertContains(response, SITE_LOOK, status_code=404, html=True)
        self.assertContains(response, "<h1>Page not found</h1>", status_code=404)

    def test_a_server_error_is_a_500_in_the_site_s_look_without_a_query(self):
        with (
            self.assertNumQueries(0),
            self.assertLogs("django.request", "ERROR") as logs,
        ):
            response = self.client.get("/broken/")
        self.assertContains(response, SITE_LOOK, status_code=500, html=True)
        self.assertContains(response, "<h1>Something went wrong</h1>", status_code=500)
        assert "RuntimeError: a bug" in logs.output[0]

    def test_a_database_error_in_a_view_is_a_503_with_retry_after(self):
        with self.assertLogs("comments.http", "ERROR") as logs:
            response = self.client.get("/locked/")
        self.assertContains(response, SITE_LOOK, status_code=503, html=True)
        self.assertContains(response, "Please try again in a minute", status_code=503)
        assert response["Retry-After"] == "30"
        assert logs.output == [
            "ERROR:comments.http:Database unavailable (GET /locked/): "
            "database is locked"
        ]

    @override_settings(
        MIDDLEWARE=["tests.test_errors.LockedDatabaseMiddleware", *MIDDLEWARE]
    )
    def test_a_database_error_before_the_view_is_a_503_too(self):
        with self.assertLogs("comments.http", "ERROR"):
            response = self.client.get("/")
        assert response.status_code == 503
        assert response["Retry-After"] == "30"


class DraftKeptTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def test_a_comment_posted_while_the_database_is_locked_comes_back(self):
        text = "My <considered> answer,\nin two lines."
        with (
            self.assertLogs("comments.http", "ERROR"),
            self.settings(COMMENTS_FLOOD_SECONDS=0),
            connection.execute_wrapper(fail),
        ):
            response = self.client.post(
                "/articles/a-test-article/comments/",
                {"body": text, "author_name": "Aigerim", "author_email": "a@b.example"},
            )
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        self.assertInHTML(
            '<textarea name="body" id="id_body" rows="8" cols="45">'
            "My &lt;considered&gt; answer,\nin two lines.</textarea>",
            response.content.decode(),
        )
        self.assertContains(
            response, '<input type="hidden" name="author_name" value="Aigerim">', 1, 503
        )
        self.assertContains(
            response, '<input type="hidden" name="new_challenge" value="1">', 1, 503
        )


def fail(execute, sql, params, many, context):
    """Every query fails as SQLite does when another connection holds the lock."""
    raise OperationalError("database is locked")
