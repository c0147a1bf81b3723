from django.conf import settings
from django.test import TestCase, override_settings

from tests.factories import make_article, make_comment

URL = "/articles/a-test-article/"


class LanguageChoiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_article()

    def test_the_site_ships_exactly_four_languages(self):
        assert [code for code, _name in settings.LANGUAGES] == [
            "en",
            "ru",
            "kk",
            "zh-hans",
        ]

    def test_the_browser_language_picks_the_page_language(self):
        for header, lang in [
            ("ru-RU,ru;q=0.9", "ru"),
            ("kk", "kk"),
            ("zh-CN,zh;q=0.9", "zh-hans"),
            ("de-DE,de;q=0.9", "en"),
        ]:
            response = self.client.get(URL, headers={"Accept-Language": header})
            self.assertContains(response, f'<html lang="{lang}">')

    def test_each_language_reads_in_its_own_words(self):
        for header, words in [
            ("en", "Leave a Reply"),
            ("ru", "Оставить комментарий"),
            ("kk", "Пікір қалдыру"),
            ("zh-CN", "发表评论"),
        ]:
            response = self.client.get(URL, headers={"Accept-Language": header})
            self.assertContains(response, f'<h2 id="reply-title">{words}</h2>')

    def test_counts_are_plural_in_every_language(self):
        article = make_article(slug="busy", title="Busy")
        for _ in range(5):
            make_comment(article)
        for header, words in [("ru", "5 комментариев"), ("kk", "5 пікір")]:
            response = self.client.get("/", headers={"Accept-Language": header})
            self.assertContains(response, words)

    def test_the_footer_switcher_remembers_the_choice(self):
        page = self.client.get(URL).content.decode()
        assert 'href="/language/ru/?next=/articles/a-test-article/"' in page
        response = self.client.get(f"/language/ru/?next={URL}")
        self.assertRedirects(response, URL, fetch_redirect_response=False)
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
        self.assertContains(self.client.get(URL), '<html lang="ru">')

    def test_the_switcher_goes_only_to_this_site(self):
        response = self.client.get("/language/kk/?next=https://evil.example/")
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        assert self.client.get("/language/de/").status_code == 404

    def test_the_article_text_keeps_its_own_language(self):
        html = self.client.get(URL, headers={"Accept-Language": "ru"}).content
        assert b'<h1 lang="en">A test article</h1>' in html
        assert b'<div class="article-body" lang="en">' in html

    @override_settings(CAPTCHA_FLITE_PATH="/usr/bin/flite")
    def test_the_sum_is_offered_as_speech_in_english_only(self):
        english = self.client.get(URL)
        self.assertContains(english, 'class="captcha-audio"')
        russian = self.client.get(URL, headers={"Accept-Language": "ru"})
        self.assertNotContains(russian, 'class="captcha-audio"')
        self.assertContains(russian, 'class="captcha-note"')
