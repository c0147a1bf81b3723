from io import StringIO

from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from comments import markup
from comments.models import Comment
from tests.factories import make_article, make_comment

from .base import URL, PostingTestCase


class RenderTests(SimpleTestCase):
    def assertRenders(self, text, html):
        self.assertHTMLEqual(markup.render(text), html)

    def test_emphasis_and_inline_code(self):
        self.assertRenders(
            "**bold** *soft* `x < y`",
            "<p><strong>bold</strong> <em>soft</em> <code>x &lt; y</code></p>",
        )

    def test_quotes_lists_and_code_blocks(self):
        self.assertRenders(
            "> quoted\n\n- one\n- two\n\n1. first\n\n```\nif a < b:\n```",
            "<blockquote><p>quoted</p></blockquote><ul><li>one</li><li>two</li></ul>"
            "<ol><li>first</li></ol><pre><code>if a &lt; b:\n</code></pre>",
        )

    def test_links_are_nofollow_ugc_noopener_and_bare_urls_link(self):
        self.assertRenders(
            "[site](https://a.example/) and https://b.example/x.",
            '<p><a href="https://a.example/" rel="nofollow ugc noopener">site</a> and '
            '<a href="https://b.example/x" rel="nofollow ugc noopener">'
            "https://b.example/x</a>.</p>",
        )

    def test_script_links_lose_their_address(self):
        self.assertRenders(
            "[x](javascript:alert(1))", '<p><a rel="nofollow ugc noopener">x</a></p>'
        )

    def test_raw_html_headings_rules_and_images_stay_text(self):
        self.assertRenders(
            '<script>alert(1)</script> <img src="x" onerror="y">\n\n# Title\n\n---',
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=&quot;x&quot; "
            "onerror=&quot;y&quot;&gt;</p><p># Title</p><p>---</p>",
        )
        assert "<img" not in markup.render("![pic](https://a.example/p.png)")

    def test_single_newlines_break_lines(self):
        self.assertRenders("one\ntwo", "<p>one<br>two</p>")


class StoredHtmlTests(PostingTestCase):
    def test_a_posted_comment_stores_its_html_once(self):
        self.post(body="I **agree**.")
        comment = Comment.objects.get()
        assert comment.body_html == "<p>I <strong>agree</strong>.</p>"
        assert comment.body_html_key == markup.key("I **agree**.")

    def test_the_page_shows_the_stored_html(self):
        comment = make_comment(self.article, body="typed")
        Comment.objects.filter(pk=comment.pk).update(
            body_html="<p>stored</p>", body_html_key=markup.key("typed")
        )
        self.assertContains(self.client.get(URL), "<p>stored</p>")

    def test_text_changed_elsewhere_is_never_shown_stale(self):
        comment = make_comment(self.article, body="old")
        comment.render_body()
        comment.save()
        Comment.objects.filter(pk=comment.pk).update(body="*new*")
        self.assertContains(self.client.get(URL), "<p><em>new</em></p>")


class RenderCommandTests(TestCase):
    def test_renders_only_stale_rows_and_counts_them(self):
        article = make_article()
        fresh = make_comment(article, body="fresh")
        fresh.render_body()
        fresh.save()
        stale = make_comment(article, body="**stale**")
        out = StringIO()
        call_command("render_comments", stdout=out)
        assert out.getvalue().strip() == "Rendered 1 comment(s)."
        stale.refresh_from_db()
        assert stale.body_html == "<p><strong>stale</strong></p>"
        call_command("render_comments", stdout=out)
        assert out.getvalue().strip().endswith("Rendered 0 comment(s).")


class QuoteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.comment = make_comment(cls.article, body="First line\nsecond <b>line</b>")

    def test_each_comment_has_a_quote_link(self):
        self.assertContains(
            self.client.get(URL),
            f'href="?replytocom={self.comment.pk}&amp;quote=1#respond"',
        )

    def test_the_quote_link_starts_a_reply_with_the_quoted_text(self):
        response = self.client.get(URL, {"replytocom": self.comment.pk, "quote": 1})
        self.assertContains(
            response,
            "&gt; First line\n&gt; second &lt;b&gt;line&lt;/b&gt;\n\n</textarea>",
        )
        self.assertContains(response, "Reply to Reader")

    def test_a_quote_of_a_hidden_comment_starts_empty(self):
        hidden = make_comment(self.article, status="pending", body="secret")
        response = self.client.get(URL, {"replytocom": hidden.pk, "quote": 1})
        self.assertNotContains(response, "secret")
