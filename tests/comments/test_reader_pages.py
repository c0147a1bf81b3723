"""The reader's side of a thread: pages, meta, their own pending replies."""

from django.test import TestCase, override_settings

from tests.factories import make_article, make_comment

from .base import URL, PostingTestCase


class OwnPendingReplyTests(PostingTestCase):
    def test_a_pending_reply_sits_under_its_parent_for_its_author_alone(self):
        parent = make_comment(self.article, author_name="Asker")
        make_comment(self.article, author_name="Later")
        self.post(parent=str(parent.pk), body="My pending reply")
        html = self.client.get(URL).content.decode()
        parent_at = html.index(f'id="comment-{parent.pk}"')
        reply_at = html.index("My pending reply")
        assert parent_at < reply_at < html.index("Later")
        assert "Your comment is awaiting moderation." in html
        assert "comment-list-own" not in html
        self.client.cookies.clear()
        self.assertNotContains(self.client.get(URL), "My pending reply")

    @override_settings(COMMENTS_PER_PAGE=1)
    def test_it_appears_only_on_the_page_that_holds_its_parent(self):
        parent = make_comment(self.article, author_name="Asker")
        make_comment(self.article, author_name="Second")
        self.post(parent=str(parent.pk), body="My pending reply")
        self.assertContains(self.client.get(URL), "My pending reply")
        page_two = self.client.get(f"{URL}comment-page-2/")
        self.assertNotContains(page_two, "My pending reply")


@override_settings(COMMENTS_PER_PAGE=2, NEWSROOM_SITE_URL="https://news.example")
class CommentPageMetaTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(body="Lead paragraph here.\n\nMore.")
        for number in range(5):
            make_comment(cls.article, author_name=f"Reader {number}")

    def page(self, number):
        path = URL if number == 1 else f"{URL}comment-page-{number}/"
        return self.client.get(path).content.decode()

    def test_pages_after_the_first_name_their_number_in_the_title(self):
        self.assertInHTML("<title>A test article · Newsroom</title>", self.page(1))
        self.assertInHTML(
            "<title>A test article · Comments page 2 · Newsroom</title>", self.page(2)
        )

    def test_each_page_is_its_own_canonical_with_neighbours(self):
        html = self.page(2)
        base = "https://news.example/articles/a-test-article/"
        self.assertInHTML(f'<link rel="canonical" href="{base}comment-page-2/">', html)
        self.assertInHTML(f'<link rel="prev" href="{base}">', html)
        self.assertInHTML(f'<link rel="next" href="{base}comment-page-3/">', html)
        self.assertInHTML(f'<link rel="canonical" href="{base}">', self.page(1))
        assert '<link rel="prev"' not in self.page(1)
        assert '<link rel="next"' not in self.page(3)

    def test_articles_carry_open_graph_and_twitter_meta(self):
        html = self.page(1)
        for tag in [
            '<meta property="og:type" content="article">',
            '<meta property="og:title" content="A test article">',
            '<meta property="og:description" content="Lead paragraph here.">',
            '<meta property="og:url" content="https://news.example/articles/a-test-article/">',
            '<meta property="og:site_name" content="Newsroom">',
            '<meta name="twitter:card" content="summary">',
            '<meta name="twitter:title" content="A test article">',
            '<meta name="twitter:description" content="Lead paragraph here.">',
        ]:
            self.assertInHTML(tag, html)

    def test_the_pager_stands_above_and_below_the_thread(self):
        html = self.page(2)
        assert html.count('class="comment-pages"') == 2
        assert html.count("Page 2 of 3") == 2
        first_pager = html.index('class="comment-pages"')
        assert (
            first_pager < html.index("Reader 2") < html.rindex('class="comment-pages"')
        )


@override_settings(COMMENTS_MIN_FORM_SECONDS=0)
class WithoutJavaScriptWordingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def test_a_first_post_without_a_sum_asks_for_the_sum(self):
        client = self.client_class(enforce_csrf_checks=True)
        client.get(URL)
        draft = {"body": "Kept text", "author_name": "Ana", "author_email": "a@x.org"}
        response = client.post(f"{URL}comments/", {**draft, "timestamp": ""})
        html = response.content.decode()
        assert response.status_code == 403
        assert "Solve the sum below to post your comment." in html
        assert "token" not in html.split('id="form-notice"')[1].split("</div>")[0]
        assert "Kept text</textarea>" in html

    def test_the_sum_label_reads_well_without_a_picture(self):
        html = self.client.get(URL).content.decode()
        self.assertInHTML(
            '<label for="id_captcha_1">Anti-spam sum <span class="required" '
            'aria-hidden="true">*</span></label>',
            html,
        )
        assert "in the picture" not in html

    def test_the_error_summary_has_no_doubled_punctuation(self):
        data = {"body": "x", "author_name": "A", "author_email": "a@x.org"}
        response = self.client.post(f"{URL}comments/", {**data, "timestamp": "1"})
        assert "?:" not in response.content.decode()
