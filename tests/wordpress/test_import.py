import io
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from articles.models import Article
from comments.models import Comment
from tests.factories import discussion_for, make_article
from wordpress.models import ImportedComment, ImportedPost
from wordpress.progress import ProgressReader
from wordpress.saving import CommentSaver

DATA = Path(__file__).parent / "data"
SITE = DATA / "site.xml"


def import_wxr(path=SITE, **options):
    out = io.StringIO()
    call_command("import_wxr", path, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def temp_file(testcase, name, text):
    folder = Path(testcase.enterContext(tempfile.TemporaryDirectory()))
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def variant(testcase, *replacements):
    """site.xml with some of its text replaced, in a temporary file."""
    text = SITE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return temp_file(testcase, "variant.xml", text)


def comment(wp_id):
    return Comment.objects.get(wordpress__wp_id=wp_id)


class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # The export is older than the retention period: keep its addresses whole.
        with override_settings(NEWSROOM_IP_RETENTION_DAYS=36500):
            cls.output = import_wxr()
        cls.article = Article.objects.get(wordpress__wp_id=10)

    def test_published_posts_become_articles(self):
        assert self.article.title == "Caravans & blockchains: Алматы — 東京"
        assert self.article.slug == "caravans-and-blockchains"
        assert self.article.status == Article.Status.PUBLISHED
        assert self.article.published_at == datetime(2024, 5, 6, 8, 30, tzinfo=UTC)
        assert discussion_for(self.article).comments_open

    def test_html_content_stays_html_without_scripts_or_block_markers(self):
        self.assertHTMLEqual(
            self.article.body,
            "<p>The <strong>Silk Road</strong> goes digital &amp; nobody is "
            "surprised.</p><p>First line<br>second line, with a "
            '<a href="https://sco.example/report" rel="noopener noreferrer '
            'nofollow">report</a>.</p><p>Plain text that WordPress turns into a '
            "paragraph: café, Ürümqi, 🐫.<br></p>",
        )

    def test_the_article_page_shows_the_imported_text_and_approved_thread(self):
        response = self.client.get(self.article.get_absolute_url())
        self.assertContains(response, "Caravans &amp; blockchains: Алматы — 東京")
        self.assertContains(response, "café, Ürümqi, 🐫.")
        self.assertContains(response, "Blockchain will not fix sanctions.")
        self.assertContains(response, "Ерлан")
        self.assertNotContains(response, "not text")
        self.assertNotContains(response, "Buy now!")

    def test_a_scheduled_post_stays_scheduled_and_keeps_its_unicode_slug(self):
        scheduled = Article.objects.get(wordpress__wp_id=11)
        assert scheduled.slug == "саммит-summit"
        assert not discussion_for(scheduled).comments_open
        assert not scheduled.is_published

    def test_drafts_and_pages_are_skipped_with_their_comments(self):
        assert Article.objects.count() == 2
        assert not Comment.objects.filter(author_name="Early Bird").exists()

    def test_comments_keep_author_email_website_ip_date_and_text(self):
        first = comment(101)
        assert first.discussion.host == self.article
        assert first.author_name == "Aigerim"
        assert first.author_email == "aigerim@example.com"
        assert first.author_url == "https://aigerim.example"
        assert first.ip_address == "203.0.113.7"
        assert first.submitted_at == datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
        assert first.body == (
            "Blockchain will not fix sanctions.\n\nIt might fix paperwork & customs."
        )
        assert comment(102).author_name == "Tom & Jerry"
        assert comment(103).ip_address == "2001:db8:85a3::8a2e:370:7334"

    def test_an_invalid_ip_address_is_dropped(self):
        assert comment(102).ip_address is None

    def test_every_status_is_mapped(self):
        statuses = {wp_id: comment(wp_id).status for wp_id in (101, 102, 104, 105)}
        assert statuses == {
            101: Comment.Status.APPROVED,
            102: Comment.Status.PENDING,
            104: Comment.Status.SPAM,
            105: Comment.Status.TRASH,
        }

    def test_each_imported_comment_is_a_row_of_the_ledger(self):
        decision = comment(104).decisions.get()
        assert (decision.actor, decision.from_status, decision.to_status) == (
            "importer",
            "",
            "spam",
        )
        assert "by the importer" in str(decision)

    def test_threads_keep_their_parents_even_when_a_reply_comes_first(self):
        assert comment(101).parent is None
        assert comment(102).parent == comment(101)
        assert comment(103).parent == comment(102)

    def test_pingbacks_and_trackbacks_are_skipped_and_counted(self):
        assert not Comment.objects.filter(author_name__endswith="Blog").exists()
        assert "1 pingbacks, 1 trackbacks" in self.output

    def test_the_summary_counts_what_was_created_and_skipped(self):
        assert "Articles: 2 created, 0 updated, 0 unchanged;" in self.output
        assert "Posts skipped: 1 drafts, 1 pages." in self.output
        assert "Comments: 5 created, 0 updated, 0 unchanged;" in self.output
        assert "1 on skipped posts" in self.output

    def test_ids_are_mapped_to_the_source_site(self):
        assert set(ImportedPost.objects.values_list("source", "wp_id")) == {
            ("https://steppe.example", 10),
            ("https://steppe.example", 11),
        }
        assert ImportedComment.objects.count() == 5


class ReimportTests(TestCase):
    def test_running_again_updates_instead_of_duplicating(self):
        import_wxr()
        first_ids = set(Comment.objects.values_list("pk", flat=True))
        output = import_wxr()
        assert "Articles: 0 created, 0 updated, 2 unchanged;" in output
        assert "Comments: 0 created, 0 updated, 5 unchanged;" in output
        assert set(Comment.objects.values_list("pk", flat=True)) == first_ids
        assert Article.objects.count() == 2

    def test_changes_in_a_newer_export_are_applied(self):
        import_wxr()
        output = import_wxr(
            variant(
                self,
                ("Replying to Aigerim.", "Replying to Aigerim, edited."),
                ("<![CDATA[0]]></wp:comment_approved>", "1</wp:comment_approved>"),
                ("<wp:comment_status><![CDATA[open]]>", "<wp:comment_status>closed"),
            )
        )
        assert "Articles: 0 created, 1 updated, 1 unchanged;" in output
        assert "Comments: 0 created, 1 updated, 4 unchanged;" in output
        assert not discussion_for(
            Article.objects.get(wordpress__wp_id=10)
        ).comments_open
        edited = comment(102)
        assert edited.body == "Replying to Aigerim, edited."
        assert edited.status == Comment.Status.APPROVED
        assert edited.parent == comment(101)
        assert Comment.objects.count() == 5

    def test_another_source_name_imports_separately(self):
        import_wxr()
        import_wxr(source="staging copy")
        assert Article.objects.count() == 4
        assert Article.objects.filter(slug="caravans-and-blockchains-2").exists()

    def test_a_slug_already_taken_gets_a_suffix(self):
        make_article(slug="caravans-and-blockchains", title="Ours")
        import_wxr()
        assert Article.objects.get(wordpress__wp_id=10).slug == (
            "caravans-and-blockchains-2"
        )


class ThreadTests(TestCase):
    def test_a_parent_in_a_later_batch_is_linked_when_the_post_ends(self):
        with mock.patch.object(CommentSaver, "batch_size", 1):
            import_wxr()
        assert comment(102).parent == comment(101)
        assert comment(103).parent == comment(102)

    def test_a_reply_to_a_skipped_pingback_becomes_a_top_level_comment(self):
        import_wxr(
            variant(self, ("<wp:comment_parent>102<", "<wp:comment_parent>106<"))
        )
        assert comment(103).parent is None


class RetentionOnImportTests(TestCase):
    def test_addresses_older_than_the_retention_period_arrive_truncated(self):
        import_wxr()
        assert comment(101).ip_address == "203.0.113.0"
        assert comment(103).ip_address == "2001:db8:85a3::"

    def test_recent_addresses_arrive_whole(self):
        with self.settings(NEWSROOM_IP_RETENTION_DAYS=36500):
            import_wxr()
        assert comment(101).ip_address == "203.0.113.7"


class RefusedFileTests(TestCase):
    def test_a_malformed_file_fails_naming_the_line_and_imports_nothing(self):
        with self.assertRaisesMessage(
            CommandError, "malformed.xml: Malformed XML at line 10, column 3"
        ):
            import_wxr(DATA / "malformed.xml")
        assert not Article.objects.exists()

    def test_entity_expansion_is_refused(self):
        with self.assertRaisesMessage(CommandError, "billion laughs"):
            import_wxr(DATA / "billion_laughs.xml")

    def test_external_entities_are_refused(self):
        with self.assertRaisesMessage(CommandError, "document type declaration"):
            import_wxr(DATA / "external_entity.xml")

    def test_a_failure_part_way_rolls_the_whole_import_back(self):
        path = variant(self, ("<wp:comment_id>120<", "<wp:comment_id>x<"))
        with self.assertRaisesMessage(CommandError, "wp:comment_id is 'x'"):
            import_wxr(path)
        assert not Article.objects.exists()
        assert not Comment.objects.exists()

    def test_a_missing_file_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "Cannot read"):
            import_wxr(DATA / "no-such-file.xml")

    def test_a_file_that_is_not_rss_is_refused(self):
        path = temp_file(self, "feed.xml", "<feed><entry/></feed>")
        with self.assertRaisesMessage(CommandError, "no RSS <channel>"):
            import_wxr(path)


class ProgressTests(TestCase):
    def test_the_bar_grows_with_the_bytes_read_and_ends_the_line(self):
        drawn = io.StringIO()
        reader = ProgressReader(io.BytesIO(b"x" * 100), 100, drawn.write)
        reader.read(50)
        reader.read(50)
        reader.read(50)
        lines = drawn.getvalue().split("\r")
        assert "[###############...............]  50%" in lines[1]
        assert lines[-1].startswith("[##############################] 100%")
        assert drawn.getvalue().endswith("\n")

    def test_the_command_draws_the_bar_on_a_terminal_only(self):
        terminal, log = Terminal(), io.StringIO()
        call_command("import_wxr", SITE, stdout=io.StringIO(), stderr=terminal)
        assert "100% of 0.0 MB\n" in terminal.getvalue()
        call_command("import_wxr", SITE, stdout=io.StringIO(), stderr=log)
        assert log.getvalue() == ""


class Terminal(io.StringIO):
    def isatty(self):
        return True


class DateTests(TestCase):
    def test_the_local_date_is_read_in_our_time_zone_when_gmt_is_missing(self):
        path = variant(
            self,
            (
                "<![CDATA[2024-05-06 08:30:00]]></wp:post_date_gmt>",
                "0000-00-00 00:00:00</wp:post_date_gmt>",
            ),
        )
        with self.settings(TIME_ZONE="Asia/Almaty"):
            import_wxr(path)
        published = Article.objects.get(wordpress__wp_id=10).published_at
        assert published == datetime(2024, 5, 6, 9, 30, tzinfo=UTC)
