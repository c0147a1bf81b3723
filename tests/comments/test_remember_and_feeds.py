from xml.etree import ElementTree

from django.test import TestCase, override_settings

from tests.factories import make_article, make_comment

from .base import URL, PostingTestCase

COOKIE = "newsroom_commenter"


@override_settings(COMMENTS_FLOOD_SECONDS=0)
class RememberMeTests(PostingTestCase):
    def test_the_checkbox_is_offered_unticked(self):
        response = self.client.get(URL)
        self.assertContains(
            response,
            "Save my name, email, and website in this browser for the next time I "
            "comment.",
        )
        self.assertContains(
            response,
            '<input type="checkbox" name="remember" id="id_remember">',
            html=True,
        )

    def test_ticked_the_fields_are_remembered_for_a_year_and_prefilled(self):
        response = self.post(remember="on")
        cookie = response.cookies[COOKIE]
        assert cookie["max-age"] == 60 * 60 * 24 * 365
        assert cookie["httponly"]
        page = self.client.get(URL)
        self.assertContains(page, 'value="Aigerim"')
        self.assertContains(page, 'value="aigerim@example.com"')
        self.assertContains(page, 'value="https://aigerim.example"')
        self.assertContains(page, 'name="remember" id="id_remember" checked')

    def test_unticked_nothing_is_stored(self):
        response = self.post()
        assert response.cookies[COOKIE].value == ""
        self.assertNotContains(self.client.get(URL), 'value="Aigerim"')

    def test_unticking_clears_an_earlier_cookie(self):
        self.post(remember="on")
        response = self.post(body="Second thought")
        assert response.cookies[COOKIE]["max-age"] == 0
        self.assertNotContains(self.client.get(URL), 'value="aigerim@example.com"')

    def test_a_forged_cookie_prefills_nothing(self):
        self.client.cookies[COOKIE] = '{"author_name": "Mallory"}'
        self.assertNotContains(self.client.get(URL), "Mallory")


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        make_comment(cls.article, author_name="Visible", body="Public words")
        for status in ("pending", "spam", "trash"):
            make_comment(
                cls.article, status=status, author_name=status, body=f"{status} words"
            )

    def items(self, url):
        response = self.client.get(url)
        assert response.status_code == 200
        self.assertNotContains(response, "reader@example.com")
        self.assertNotContains(response, "203.0.113.7")
        return ElementTree.fromstring(response.content)

    def test_latest_articles(self):
        root = self.items("/feeds/articles/")
        assert [t.text for t in root.iter("title")][1:] == ["A test article"]
        atom = self.items("/feeds/articles/atom/")
        assert atom.tag == "{http://www.w3.org/2005/Atom}feed"

    def test_latest_comments_show_only_approved_ones(self):
        for url in ("/feeds/comments/", "/feeds/comments/atom/"):
            text = ElementTree.tostring(self.items(url), encoding="unicode")
            assert "Public words" in text
            for status in ("pending", "spam", "trash"):
                assert f"{status} words" not in text

    def test_an_articles_comment_feed(self):
        root = self.items(f"{URL}comments/feed/")
        titles = [t.text for t in root.iter("title")]
        assert titles == [
            "Comments on “A test article”",
            "Visible on “A test article”",
        ]
        assert self.client.get("/articles/nope/comments/feed/").status_code == 404

    def test_pages_link_to_their_feeds(self):
        response = self.client.get(URL)
        for href in ("/feeds/articles/", "/feeds/comments/", f"{URL}comments/feed/"):
            self.assertContains(response, f'href="{href}"')
        self.assertContains(response, 'rel="alternate" type="application/atom+xml"')
