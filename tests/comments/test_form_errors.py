"""Errors on the comment form are announced and linked to their fields."""

from django.test import TestCase

from tests.factories import comment_data, make_article


class FormErrorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def setUp(self):
        page = self.client.get(self.article.get_absolute_url())
        self.response = self.client.post(
            f"/articles/{self.article.slug}/comments/",
            comment_data(page, author_email="not an address", captcha_1="99"),
        )

    def test_the_page_title_says_there_is_an_error(self):
        assert self.response.status_code == 400
        self.assertContains(
            self.response,
            "<title>Error: A test article · Newsroom</title>",
            status_code=400,
        )

    def test_the_summary_is_an_alert_that_takes_the_focus(self):
        self.assertContains(
            self.response,
            '<div class="form-errors" role="alert" id="form-errors" tabindex="-1">',
            status_code=400,
        )

    def test_the_summary_links_each_error_to_its_field(self):
        for target, text in [
            ("id_author_email", "Email: Enter a valid email address."),
            ("id_captcha_1", "Anti-spam sum: That answer"),
        ]:
            self.assertContains(
                self.response, f'<li><a href="#{target}">{text}', status_code=400
            )

    def test_each_invalid_field_is_marked_and_described_by_its_error(self):
        html = self.response.content.decode()
        email = html.split('id="id_author_email"')[0].rsplit("<input", 1)[1]
        email += html.split('id="id_author_email"')[1].split(">", 1)[0]
        assert 'aria-invalid="true"' in email
        assert "id_author_email_error" in email
        assert 'id="id_author_email_error"' in html
