import gzip

from django.http import HttpResponse
from django.test import TestCase

from comments.cookies import COMMENTER, PENDING, PENDING_SALT, remember_commenter
from comments.models import Comment
from tests.factories import (
    approve,
    discussion_for,
    make_article,
    make_comment,
    make_editor,
)

QUEUE = "/admin/comments/comment/"


def bulk_thread(article, count):
    """`count` approved comments, a third of them replies (bulk: no signals)."""
    discussion = discussion_for(article)
    comments = Comment.objects.bulk_create(
        Comment(
            discussion=discussion,
            author_name=f"Reader {n}",
            author_email=f"r{n}@example.com",
            body=f"Comment number {n}, with a few words to make it realistic.",
            status="approved",
        )
        for n in range(count)
    )
    for number, comment in enumerate(comments):
        if number % 3:
            comment.parent = comments[number - 1]
    Comment.objects.bulk_update(comments, ["parent"])


def thread_of(response):
    html = response.content.decode()
    return html[html.index('<section id="comments"') : html.index('id="respond"')]


def commenter_cookie(name):
    """The signed cookie of a reader who asked to be remembered."""
    response = HttpResponse()
    remember_commenter(
        response,
        {"author_name": name, "author_email": "m@example.com", "author_url": ""},
    )
    return response.cookies[COMMENTER].value


def pending_cookie(pk):
    """The signed cookie the site gives a reader who posted comment `pk`."""
    response = HttpResponse()
    response.set_signed_cookie(PENDING, str(pk), salt=PENDING_SALT)
    return response.cookies[PENDING].value


class ThreadQueryBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.articles = {}
        for size in (0, 100, 2000):
            cls.articles[size] = make_article(title=f"Size {size}", slug=f"size-{size}")
            bulk_thread(cls.articles[size], size)

    def test_the_page_costs_three_queries_cold_and_one_warm_at_any_size(self):
        # Warm: the cached copy is local to this process, so the page version
        # that proves it current is read from the database, which all share.
        for size, article in self.articles.items():
            with self.assertNumQueries(3):
                cold = self.client.get(article.get_absolute_url())
            with self.assertNumQueries(1):
                warm = self.client.get(article.get_absolute_url())
            assert cold.content == warm.content
            count = f"Comments ({size})" if size else "Comments (No)"
            self.assertContains(warm, count)

    def test_a_reader_with_a_saved_name_gets_the_cached_thread_in_two_queries(self):
        self.client.get(self.articles[2000].get_absolute_url())
        self.client.cookies.load({COMMENTER: commenter_cookie("Mira")})
        with self.assertNumQueries(2):
            response = self.client.get(self.articles[2000].get_absolute_url())
        self.assertContains(response, 'value="Mira"')
        self.assertContains(response, "Comments (2000)")

    def test_the_whole_page_writes_nothing_and_holds_nothing_personal(self):
        response = self.client.get(self.articles[100].get_absolute_url())
        assert "csrftoken" not in response.cookies
        self.assertContains(response, 'name="csrfmiddlewaretoken" value=""')
        self.assertContains(
            response, '<input type="hidden" name="timestamp" id="id_timestamp">'
        )
        self.assertContains(response, 'name="captcha_0" id="id_captcha_0"')
        assert "Cookie" in response["Vary"]


class InvalidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.comment = make_comment(cls.article, status="pending", body="Fresh words")
        cls.editor = make_editor()

    def page(self):
        return self.client.get(self.article.get_absolute_url())

    def moderate(self, action, status="all"):
        self.client.force_login(self.editor)
        response = self.client.post(
            f"{QUEUE}?status={status}",
            {"action": action, "_selected_action": [self.comment.pk]},
        )
        self.client.logout()
        assert response.status_code == 302

    def test_an_approval_shows_at_once_and_every_other_decision_hides(self):
        self.assertNotContains(self.page(), "Fresh words")
        self.moderate("approve")
        self.assertContains(self.page(), "Fresh words")
        for action in ("unapprove", "approve", "mark_spam", "approve", "trash"):
            self.moderate(action)
            shown = Comment.objects.get(pk=self.comment.pk).status == "approved"
            assert ("Fresh words" in self.page().content.decode()) == shown, action

    def test_a_readers_pending_comment_is_never_served_to_another(self):
        self.client.cookies.load({PENDING: pending_cookie(self.comment.pk)})
        self.assertContains(self.page(), "Fresh words")
        other = self.client_class()
        self.assertNotContains(
            other.get(self.article.get_absolute_url()), "Fresh words"
        )


class CompressedPageTests(TestCase):
    def test_a_browser_that_accepts_gzip_gets_the_cached_page_compressed(self):
        article = make_article()
        make_comment(article, body="Words worth compressing " * 50)
        plain = self.client.get(article.get_absolute_url())
        with self.assertNumQueries(1):
            packed = self.client.get(
                article.get_absolute_url(), headers={"Accept-Encoding": "gzip, br"}
            )
        assert packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content) / 3
        assert "Accept-Encoding" in packed["Vary"]


class HttpCacheTests(TestCase):
    """What a shared HTTP cache in front (nginx, a CDN) is told about the page."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.comment = make_comment(cls.article, status="pending", body="Fresh words")

    def test_a_plain_visit_is_public_for_a_moment_with_a_validator(self):
        for _ in range(2):  # rendered, then from the cache: the same headers
            response = self.client.get(self.article.get_absolute_url())
            control = response["Cache-Control"]
            assert "public" in control
            assert "s-maxage=2" in control
            assert "stale-while-revalidate=30" in control
            assert response["ETag"].startswith('"')

    def test_the_validator_answers_304_until_the_page_changes(self):
        etag = self.client.get(self.article.get_absolute_url())["ETag"]
        with self.assertNumQueries(1):
            again = self.client.get(
                self.article.get_absolute_url(), headers={"If-None-Match": etag}
            )
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == etag
        approve(self.comment)
        changed = self.client.get(
            self.article.get_absolute_url(), headers={"If-None-Match": etag}
        )
        assert changed.status_code == 200
        assert changed["ETag"] != etag
        self.assertContains(changed, "Fresh words")

    def test_gzip_and_plain_have_validators_of_their_own(self):
        url = self.article.get_absolute_url()
        plain = self.client.get(url)["ETag"]
        packed = self.client.get(url, headers={"Accept-Encoding": "gzip"})["ETag"]
        assert plain != packed

    def test_a_reader_with_personal_cookies_gets_a_private_page(self):
        self.client.cookies.load({COMMENTER: commenter_cookie("Mira")})
        response = self.client.get(self.article.get_absolute_url())
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert not response.has_header("ETag")
