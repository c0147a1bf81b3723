from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase

BEFORE = [
    ("comments", "0020_merge_20261201_2339"),
    ("articles", "0003_merge_0002_article_language_0002_sections_tags_byline"),
]
AFTER = [
    ("comments", "0023_discussion_required"),
    ("articles", "0004_comments_open_moves_to_discussions"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


class DiscussionsMigrationTests(TransactionTestCase):
    """Comments move from their article to its discussion, and back."""

    def setUp(self):
        apps = migrate(BEFORE)
        Article = apps.get_model("articles", "Article")
        Comment = apps.get_model("comments", "Comment")
        self.open = Article.objects.create(
            title="Open", slug="open", body="Text.", status="published"
        )
        self.closed = Article.objects.create(
            title="Closed", slug="closed", body="Text.", comments_open=False
        )
        self.quiet = Article.objects.create(title="Quiet", slug="quiet", body="T.")
        for article, body in [(self.open, "First"), (self.closed, "Second")]:
            Comment.objects.create(
                article=article,
                author_name="A",
                author_email="a@example.com",
                body=body,
            )

    def tearDown(self):
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    def test_forwards_every_article_gets_a_discussion_holding_its_comments(self):
        apps = migrate(AFTER)
        Discussion = apps.get_model("comments", "Discussion")
        Comment = apps.get_model("comments", "Comment")
        by_title = {d.title: d for d in Discussion.objects.all()}
        assert set(by_title) == {"Open", "Closed", "Quiet"}
        assert by_title["Open"].object_id == str(self.open.pk)
        assert by_title["Open"].published_at is not None
        assert by_title["Closed"].published_at is None  # a draft
        assert not by_title["Closed"].comments_open
        assert Comment.objects.get(body="First").discussion == by_title["Open"]
        assert Comment.objects.get(body="Second").discussion == by_title["Closed"]

    def test_backwards_the_comments_go_back_to_their_articles(self):
        apps = migrate(AFTER)
        Discussion = apps.get_model("comments", "Discussion")
        Discussion.objects.filter(title="Open").update(comments_open=False)
        apps = migrate(BEFORE)
        Article = apps.get_model("articles", "Article")
        Comment = apps.get_model("comments", "Comment")
        assert Comment.objects.get(body="First").article_id == self.open.pk
        assert Comment.objects.get(body="Second").article_id == self.closed.pk
        assert not Article.objects.get(slug="open").comments_open
        assert Article.objects.get(slug="quiet").comments_open
