"""Defects found importing a real WordPress 6.1 site, on a file shaped like it."""

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from articles.models import Article
from comments.models import Comment
from comments.personal_data import personal_data_erase
from tests.factories import make_editor
from wordpress.cleaning import BODY_LIMIT
from wordpress.models import ImportedComment

from .test_import import temp_file

EXPORT = Path(__file__).parent / "data" / "wordpress-6.1.xml"
MIXED_SLUG = "sco-новости-недели"
CYRILLIC_SLUG = "главные-новости-недели"


def import_wxr(path=EXPORT, **options):
    out = io.StringIO()
    call_command("import_wxr", path, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def variant(testcase, *replacements, prefix=""):
    text = EXPORT.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return temp_file(testcase, "export.xml", prefix + text)


def comment(wp_id):
    return Comment.objects.get(wordpress__wp_id=wp_id)


def comment_element(text, wp_id):
    """The <wp:comment> element of a comment id, as it stands in the file."""
    return re.search(
        rf"\t\t<wp:comment>\n\t\t\t<wp:comment_id>{wp_id}<.*?</wp:comment>\n",
        text,
        re.DOTALL,
    )[0]


@override_settings(NEWSROOM_IP_RETENTION_DAYS=36500)
class RealExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = import_wxr()
        cls.summit = Article.objects.get(wordpress__wp_id=210)

    def test_a_password_protected_post_is_imported_unpublished(self):
        protected = Article.objects.get(wordpress__wp_id=211)
        assert protected.status == Article.Status.DRAFT
        assert self.client.get(protected.get_absolute_url()).status_code == 404
        listing = self.client.get("/")
        self.assertNotContains(listing, "Members only")
        self.assertNotContains(listing, "secret figures")
        assert "1 password-protected, imported unpublished" in self.output

    def test_unicode_slugs_are_kept_and_served(self):
        assert self.summit.slug == MIXED_SLUG
        weekly = Article.objects.get(wordpress__wp_id=212)
        assert weekly.slug == CYRILLIC_SLUG
        response = self.client.get(weekly.get_absolute_url())
        self.assertContains(response, "Главные новости недели")

    def test_old_permalinks_redirect_permanently_to_the_article(self):
        for old in ("/?p=210", f"/2023/06/16/{MIXED_SLUG}/"):
            response = self.client.get(old)
            assert response.status_code == 301, old
            assert response["Location"] == self.summit.get_absolute_url()

    def test_an_unpublished_article_has_no_old_permalink(self):
        assert self.client.get("/?p=211").status_code == 200
        assert self.client.get("/2023/06/17/members-only/").status_code == 404

    def test_a_javascript_website_is_left_out_and_reported(self):
        assert comment(305).author_url == ""
        response = self.client.get(self.summit.get_absolute_url())
        self.assertNotContains(response, "javascript:")
        assert (
            "comment 305: website 'javascript:alert(document.cookie)' is not an "
            "http(s) address: left out" in self.output
        )

    def test_an_invalid_email_is_left_out_and_reported(self):
        assert comment(306).author_email == ""
        assert "comment 306: email 'not-an-email' is not valid" in self.output

    def test_invisible_characters_leave_names(self):
        assert comment(307).author_name == "Bell Ringer"
        assert "comment 307: invisible characters removed" in self.output

    def test_the_body_keeps_links_emphasis_lists_quotes_headings_and_figures(self):
        page = self.client.get(self.summit.get_absolute_url())
        for html in (
            '<a href="https://sco.example/agenda" rel="noopener noreferrer '
            'nofollow">agenda</a>',
            "<em>Almaty</em>",
            "<h2>What was agreed</h2>",
            "<li>Caravan routes, again</li>",
            "<blockquote><p>Borders are slower than blocks.</p>"
            "<cite>A delegate</cite></blockquote>",
            '<figure><img src="https://vesti.example/wp-content/uploads/2023/06/'
            'hall.jpg" alt="The conference hall"><figcaption>The hall before the '
            "opening</figcaption></figure>",
            '<figure><img src="https://vesti.example/wp-content/uploads/2023/06/'
            'delegates.jpg" alt="Delegates on the steps" width="640" height="427">'
            "<figcaption>Delegates after the vote</figcaption></figure>",
            "<p>First line of the closing note<br>second line, kept apart.</p>",
        ):
            self.assertContains(page, html, html=True)
        self.assertNotContains(page, "[caption")
        self.assertNotContains(page, "wp:paragraph")
        self.assertNotContains(page, "steal()")
        self.assertNotContains(page, "not text")

    def test_sections_tags_excerpt_and_byline_arrive(self):
        assert self.summit.byline == "Мира Ахметова"
        assert self.summit.excerpt == "The summit in brief."
        assert [s.name for s in self.summit.sections.all()] == ["Экономика"]
        assert [t.name for t in self.summit.tags.all()] == ["Blockchain", "Қазақстан"]
        page = self.client.get(self.summit.get_absolute_url())
        self.assertContains(page, "By Мира Ахметова")
        self.assertContains(page, '<span class="section">Экономика</span>')
        self.assertContains(page, '<span class="tag">Қазақстан</span>')
        feed = self.client.get("/feeds/articles/").content.decode()
        assert "<category>Экономика</category>" in feed
        assert "<category>Қазақстан</category>" in feed
        assert "The summit in brief." in feed

    def test_wordpress_default_category_is_not_a_section(self):
        assert not Article.objects.filter(sections__slug="uncategorized").exists()

    def test_a_comma_after_a_link_in_a_comment_stays(self):
        assert comment(301).body == (
            "Керемет! See the report <https://sco.example/report>, then judge."
        )
        page = self.client.get(self.summit.get_absolute_url())
        # The comment's Markdown reads <URL> as a link: the brackets go, the
        # comma stays.
        self.assertContains(page, "https://sco.example/report</a>, then judge.")

    def test_gmt_dates_win_and_a_lost_one_is_read_at_the_files_offset(self):
        # 01:30 on 16 June in Almaty (UTC+6) is 19:30 on the 15th in GMT.
        assert self.summit.published_at == datetime(2023, 6, 15, 19, 30, tzinfo=UTC)
        assert comment(308).submitted_at == datetime(2023, 6, 16, 17, 30, tzinfo=UTC)
        assert "Dates of posts and comments: 13 with their GMT date; 1 without one" in (
            self.output
        )

    def test_the_site_authors_reply_arrives_as_the_newsrooms(self):
        assert comment(302).by_newsroom
        assert not comment(303).by_newsroom
        assert ImportedComment.objects.get(wp_id=303).wp_user_id == 7
        assert "1 by the site's own authors" in self.output
        assert "1 by registered readers" in self.output
        page = self.client.get(self.summit.get_absolute_url())
        self.assertContains(page, "comment-newsroom")

    def test_threads_four_deep_survive(self):
        assert comment(304).parent == comment(303)
        assert comment(303).parent == comment(302)
        assert comment(302).parent == comment(301)

    def test_the_summary_accounts_for_every_element(self):
        assert "Articles: 3 created, 0 updated, 0 unchanged;" in self.output
        assert (
            "Posts skipped: 1 attachment (media), 1 draft, 1 page, 1 private "
            "post, 1 post of type nav_menu_item, 1 post of type wp_global_styles."
            in self.output
        )
        assert "Comments: 11 created, 0 updated, 0 unchanged;" in self.output
        assert "1 pingbacks, 0 trackbacks, 0 of other types, 1 on skipped posts" in (
            self.output
        )
        assert "Spam: none in the file" in self.output
        assert "1 control characters removed from the file" in self.output


class DateChoiceTests(TestCase):
    def test_the_time_zone_option_reads_dates_without_gmt(self):
        output = import_wxr(time_zone="Asia/Almaty")
        assert comment(308).submitted_at == datetime(2023, 6, 16, 17, 30, tzinfo=UTC)
        assert "1 without one, read in Asia/Almaty (--time-zone)" in output

    def test_without_any_offset_our_time_zone_is_used_and_said(self):
        text = EXPORT.read_text(encoding="utf-8")
        lost = re.sub(r"<wp:(\w+)_date_gmt>.*?</wp:\1_date_gmt>", "", text)
        path = temp_file(self, "export.xml", lost)
        with self.settings(TIME_ZONE="Asia/Tokyo"):
            output = import_wxr(path)
        summit = Article.objects.get(wordpress__wp_id=210)
        assert summit.published_at == datetime(2023, 6, 15, 16, 30, tzinfo=UTC)
        assert "read in Asia/Tokyo (our TIME_ZONE; give --time-zone" in output

    def test_an_unknown_time_zone_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "Unknown time zone 'Mars/Base'"):
            import_wxr(time_zone="Mars/Base")


class LongCommentTests(TestCase):
    def test_a_comment_past_the_forms_limit_is_cut_and_reported(self):
        long_text = "Слово " * 100_000
        path = variant(self, ("Nice site.", long_text))
        output = import_wxr(path)
        assert len(comment(305).body) == BODY_LIMIT
        assert f"text of {len(long_text.strip())} characters cut to {BODY_LIMIT}" in (
            output
        )


class LongNameTests(TestCase):
    def test_a_name_past_the_forms_limit_is_cut_and_reported(self):
        output = import_wxr(variant(self, ("[Mallory]", "[" + "M" * 300 + "]")))
        assert comment(305).author_name == "M" * 245
        assert "comment 305: name cut to 245 characters" in output


class LenientFileTests(TestCase):
    def test_a_blank_line_before_the_xml_declaration_is_accepted(self):
        path = variant(self, prefix="\n\n")
        import_wxr(path)
        assert Article.objects.filter(wordpress__wp_id=210).exists()

    def test_a_control_character_in_a_comment_is_removed(self):
        import_wxr()
        assert comment(307).body == "A bell rang in this comment."

    def test_a_login_page_gets_a_hint_not_the_doctype_message(self):
        page = (
            "<!DOCTYPE html>\n<html lang='en-US'><head><title>Log In &lsaquo; "
            "Степные вести &#8212; WordPress</title></head><body class='login'>"
            "<form name='loginform' action='wp-login.php'></form></body></html>"
        )
        path = temp_file(self, "vesti.WordPress.2023-06-20.xml", page)
        with self.assertRaisesMessage(CommandError, "your session probably expired"):
            import_wxr(path)

    def test_a_page_without_doctype_gets_the_hint_too(self):
        path = temp_file(self, "export.xml", "<html><body>Log in</body></html>")
        with self.assertRaisesMessage(CommandError, "looks like a web page"):
            import_wxr(path)


class DeletedSinceLastImportTests(TestCase):
    def test_a_comment_deleted_in_wordpress_goes_to_the_trash_and_is_counted(self):
        import_wxr()
        text = EXPORT.read_text(encoding="utf-8")
        path = temp_file(
            self, "newer.xml", text.replace(comment_element(text, 304), "")
        )
        output = import_wxr(path)
        assert comment(304).status == Comment.Status.TRASH
        assert comment(301).status == Comment.Status.APPROVED
        assert (
            "Deleted in WordPress since the last import: 1 comments moved to trash"
            in (output)
        )

    def test_a_post_missing_from_a_newer_file_is_counted_and_left(self):
        import_wxr()
        text = EXPORT.read_text(encoding="utf-8")
        start = text.index("\t<item>\n\t\t<title><![CDATA[Главные")
        end = text.index("</item>", start) + len("</item>")
        output = import_wxr(temp_file(self, "newer.xml", text[:start] + text[end:]))
        assert "1 posts imported before are not in this file" in output
        assert Article.objects.filter(slug=CYRILLIC_SLUG).exists()

    def test_running_the_same_file_again_changes_nothing(self):
        import_wxr()
        output = import_wxr()
        assert "Articles: 0 created, 0 updated, 3 unchanged;" in output
        assert "Comments: 0 created, 0 updated, 11 unchanged;" in output
        assert "0 comments moved to trash" in output


class ErasedBeforeReimportTests(TestCase):
    def test_an_erased_commenter_stays_erased_after_a_reimport(self):
        import_wxr()
        editor = make_editor()
        personal_data_erase(email="aigerim@example.kz", delete_text=False, user=editor)
        output = import_wxr()
        erased = comment(301)
        assert erased.author_name == "Anonymous"
        assert erased.author_email == ""
        assert erased.author_url == ""
        assert not Comment.objects.filter(author_email="aigerim@example.kz").exists()
        assert comment(302).parent == erased
        assert "Left as they are here: 1 comments whose author's data was erased" in (
            output
        )

    def test_a_comment_erased_with_its_text_is_not_brought_back(self):
        import_wxr()
        editor = make_editor()
        personal_data_erase(email="erlan@example.kz", delete_text=True, user=editor)
        assert not Comment.objects.filter(wordpress__wp_id=304).exists()
        output = import_wxr()
        assert not Comment.objects.filter(author_email="erlan@example.kz").exists()
        assert not Comment.objects.filter(body="Четвёртый уровень ответа.").exists()
        assert "1 comments whose author's data was erased" in output

    def test_a_comment_an_editor_deleted_is_not_brought_back(self):
        import_wxr()
        comment(309).delete()
        output = import_wxr()
        assert not Comment.objects.filter(author_email="trash@example.com").exists()
        assert "1 deleted here" in output
