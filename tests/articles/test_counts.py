from django.test import TestCase

from tests.factories import make_article, make_comment


class CommentCountTests(TestCase):
    """The article list says how many approved comments each article has."""

    @classmethod
    def setUpTestData(cls):
        cls.none = make_article(title="Quiet", slug="quiet")
        cls.one = make_article(title="Talked about", slug="one")
        cls.many = make_article(title="Busy", slug="busy")
        make_comment(cls.one)
        make_comment(cls.one, status="pending")
        for _ in range(138):
            make_comment(cls.many)
        make_comment(cls.many, status="spam")

    def test_each_article_links_its_count_to_the_thread(self):
        html = self.client.get("/").content.decode()
        for slug, text in [
            ("quiet", "No comments"),
            ("one", "1 comment"),
            ("busy", "138 comments"),
        ]:
            link = f'<a class="comment-count" href="/articles/{slug}/#comments">'
            self.assertInHTML(f"{link}{text}</a>", html)

    def test_the_list_costs_the_same_queries_however_many_articles(self):
        with self.assertNumQueries(2):
            self.client.get("/")
        for number in range(10):
            make_comment(make_article(slug=f"more-{number}"))
        with self.assertNumQueries(2):
            self.client.get("/")
