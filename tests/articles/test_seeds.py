from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase

from articles.models import Article
from articles.seeds import parse_seed

SEED = settings.NEWSROOM_SEEDS_DIR / "000_13da704697cdf02f.txt"


class ParseSeedTests(SimpleTestCase):
    def test_the_first_line_is_the_title(self):
        seed = parse_seed(SEED.read_text())
        assert seed.title == "SCO countries strive to develop blockchain"

    def test_paragraphs_are_split_on_blank_lines_without_furniture(self):
        seed = parse_seed(SEED.read_text())
        assert len(seed.paragraphs) == 8
        assert seed.paragraphs[0].startswith("At a meeting of the SCO countries")
        assert seed.paragraphs[-1].startswith("SCO members are working")
        for furniture in ("Comments (No)", "Leave a Reply", "2 + 3 ="):
            assert all(furniture not in p for p in seed.paragraphs)

    def test_other_furniture_lines_are_dropped_too(self):
        text = "\n\n".join(
            [
                "Title",
                "Body text.",
                "3 Comments",
                "Comments",
                "Leave a comment",
                "4 + 5 =",
            ]
        )
        assert parse_seed(text).paragraphs == ["Body text."]

    def test_a_paragraph_mentioning_comments_is_kept(self):
        text = "Title\n\nComments were many.\n\nLeave a Reply"
        assert parse_seed(text).paragraphs == ["Comments were many."]

    def test_lines_inside_a_paragraph_are_joined(self):
        assert parse_seed("T\n\none\ntwo\r\n\r\nthree").paragraphs == [
            "one two",
            "three",
        ]


class LoadSeedsTests(TestCase):
    def load(self, folder=None):
        out = StringIO()
        options = {"dir": Path(folder)} if folder else {}
        call_command("load_seeds", stdout=out, **options)
        return out.getvalue()

    def test_the_seed_becomes_a_published_article(self):
        assert "1 created" in self.load()
        article = Article.objects.get()
        assert article.title == "SCO countries strive to develop blockchain"
        assert article.slug == "sco-countries-strive-to-develop-blockchain"
        assert article.is_published
        assert len(article.paragraphs) == 8
        assert "Leave a Reply" not in article.body

    def test_running_twice_changes_nothing(self):
        self.load()
        before = Article.objects.values().get()
        assert "0 created, 0 updated, 1 unchanged" in self.load()
        assert Article.objects.values().get() == before

    def test_a_changed_seed_updates_its_article(self):
        folder = Path(self.enterContext(TemporaryDirectory()))
        (folder / "one.txt").write_text("Old title\n\nOld text.\n")
        self.load(folder)
        article = Article.objects.get()
        (folder / "one.txt").write_text("New title\n\nNew text.\n\nMore.\n")
        assert "1 updated" in self.load(folder)
        article.refresh_from_db()
        assert (article.title, article.paragraphs) == (
            "New title",
            ["New text.", "More."],
        )
        assert article.slug == "old-title"

    def test_an_empty_folder_is_an_error(self):
        folder = self.enterContext(TemporaryDirectory())
        with self.assertRaisesMessage(CommandError, "No seed files"):
            self.load(folder)
