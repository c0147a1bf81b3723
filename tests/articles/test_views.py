from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article


class ArticleListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        make_article(title="Older", slug="older", published_at=now - timedelta(days=2))
        make_article(title="Newer", slug="newer", published_at=now - timedelta(days=1))
        make_article(title="Draft", slug="draft", status=Article.Status.DRAFT)
        make_article(title="Scheduled", slug="later", published_at=now + timedelta(1))

    def test_lists_published_articles_newest_first(self):
        response = self.client.get("/")
        html = response.content.decode()
        assert html.index("Newer") < html.index("Older")
        self.assertContains(response, 'href="/articles/newer/"')

    def test_drafts_and_scheduled_articles_are_not_listed(self):
        response = self.client.get("/")
        self.assertNotContains(response, "Draft")
        self.assertNotContains(response, "Scheduled")


class ArticleDetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(
            body="Paragraph one & more.\n\nParagraph two.",
            published_at=timezone.now() - timedelta(hours=1),
        )

    def test_shows_title_date_and_paragraphs(self):
        response = self.client.get("/articles/a-test-article/")
        self.assertInHTML(
            '<h1 lang="en">A test article</h1>', response.content.decode()
        )
        self.assertContains(response, "<p>Paragraph one &amp; more.</p>", html=True)
        self.assertContains(response, "<p>Paragraph two.</p>", html=True)
        self.assertContains(response, f'datetime="{self.article.published_at:%Y-%m-%d}')

    def test_unpublished_articles_are_not_found(self):
        make_article(slug="draft", status=Article.Status.DRAFT)
        assert self.client.get("/articles/draft/").status_code == 404
        assert self.client.get("/articles/no-such-article/").status_code == 404
