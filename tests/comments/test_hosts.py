import re
from pathlib import Path

from django.test import TestCase

from articles.models import Article
from comments.hosts import discussion_of, with_comment_counts, with_discussion
from comments.models import Discussion
from tests.factories import discussion_for, make_article, make_comment

COMMENTS = Path(__file__).resolve().parents[2] / "comments"
ARTICLES = COMMENTS.parent / "articles"


def sources(folder, *patterns):
    for pattern in patterns:
        for path in folder.rglob(pattern):
            if "migrations" not in path.parts:
                yield path, path.read_text(encoding="utf-8")


class OneDirectionTests(TestCase):
    """The comments app installs into a project without the articles app."""

    def test_comments_never_imports_articles(self):
        found = [
            path.name
            for path, text in sources(COMMENTS, "*.py")
            if re.search(r"^\s*(from|import) articles\b", text, re.M)
        ]
        assert found == []

    def test_comments_never_renders_an_articles_template_or_url(self):
        found = [
            path.name
            for path, text in sources(COMMENTS, "*.py", "*.html", "*.txt")
            if "articles/" in text.replace("articles/<", "") or "articles:" in text
        ]
        assert found == []

    def test_articles_uses_only_the_host_api_of_comments(self):
        public = {"hosts", "admin_hosts", "feeds", "models"}
        used = {
            module
            for _path, text in sources(ARTICLES, "*.py")
            for module in re.findall(r"^from comments\.(\w+)", text, re.M)
        }
        assert used <= public


class DiscussionOfTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        make_comment(cls.article)

    def test_read_with_the_host_it_costs_no_query_of_its_own(self):
        article = with_discussion(Article.objects.all()).get()
        with self.assertNumQueries(0):
            discussion = discussion_of(article)
        assert discussion.pk == discussion_for(self.article).pk
        assert discussion.title == "A test article"
        assert discussion.accepts_comments

    def test_a_host_without_a_discussion_gets_an_unsaved_one(self):
        quiet = Article.objects.create(title="Quiet", slug="quiet", body="Text.")
        discussion = discussion_of(
            with_discussion(Article.objects.filter(pk=quiet.pk)).get()
        )
        assert discussion.pk is None
        assert not Discussion.objects.of_object(quiet).exists()

    def test_counts_for_a_list_come_in_its_query(self):
        Article.objects.create(title="Quiet", slug="quiet", body="Text.")
        with self.assertNumQueries(1):
            counts = dict(
                with_comment_counts(Article.objects.all()).values_list(
                    "slug", "comment_count"
                )
            )
        assert counts == {"a-test-article": 1, "quiet": 0}
