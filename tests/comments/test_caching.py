import gzip

from django.http import HttpResponse
from django.test import TestCase

from articles.models import Article
from comments.cookies import COMMENTER, PENDING, PENDING_SALT, remember_commenter
from comments.models import Comment
from tests.factories import make_article, make_comment, make_editor

QUEUE = "/admin/comments/comment/"


def bulk_thread(article, count):
    """`count` approved comments, a third of them replies (bulk: no signals)."""
    comments = Comment.objects.bulk_create(
        Comment(
            article=article,
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

    def test_the_page_costs_two_queries_cold_and_none_warm_at_any_size(self):
        for size, article in self.articles.items():
            with self.assertNumQueries(2):
                cold = self.client.get(article.get_absolute_url())
            with self.assertNumQueries(0):
                warm = self.client.get(article.get_absolute_url())
            assert cold.content == warm.content
            count = f"Comments ({size})" if size else "Comments (No)"
            self.assertContains(warm, count)

    def test_a_reader_with_a_saved_name_gets_the_cached_thread_in_one_query(self):
        self.client.get(self.articles[2000].get_absolute_url())
        self.client.cookies.load({COMMENTER: commenter_cookie("Mira")})
        with self.assertNumQueries(1):
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

    def test_an_edit_in_the_admin_shows_at_once(self):
        Comment.objects.filter(pk=self.comment.pk).update(status="approved")
        self.article.save()
        self.assertContains(self.page(), "Fresh words")
        self.client.force_login(self.editor)
        self.client.post(
            f"{QUEUE}{self.comment.pk}/change/",
            {
                "status": "approved",
                "author_name": "Reader",
                "author_email": "reader@example.com",
                "author_url": "",
                "body": "Edited words",
                "notify_replies": "",
            },
        )
        self.client.logout()
        page = self.page()
        self.assertContains(page, "Edited words")
        self.assertNotContains(page, "Fresh words")

    def test_a_change_to_the_article_shows_at_once(self):
        self.page()
        Article.objects.get(pk=self.article.pk).save()
        self.article.comments_open = False
        self.article.save()
        self.assertContains(self.page(), "Comments are closed.")

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
        with self.assertNumQueries(0):
            packed = self.client.get(
                article.get_absolute_url(), headers={"Accept-Encoding": "gzip, br"}
            )
        assert packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content) / 3
        assert "Accept-Encoding" in packed["Vary"]
