from django.test import SimpleTestCase, TestCase, override_settings

from comments.avatars import identicon
from tests.factories import make_article, make_comment

from .base import URL


class IdenticonTests(SimpleTestCase):
    def test_the_same_email_draws_the_same_picture_whatever_its_case(self):
        assert identicon("Ana@Example.com") == identicon(" ana@example.com")
        assert identicon("ana@example.com") != identicon("bob@example.com")

    def test_the_picture_depends_on_the_site_key(self):
        first = identicon("ana@example.com")
        with override_settings(SECRET_KEY="another-key"):
            assert identicon("ana@example.com") != first

    def test_it_is_decorative_svg(self):
        assert identicon("ana@example.com").startswith(
            '<svg class="avatar" viewBox="0 0 5 5" width="40" height="40" '
            'aria-hidden="true"'
        )


class AvatarPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        make_comment(cls.article, author_email="ana@example.com")

    def test_comments_show_identicons_and_never_call_a_third_party(self):
        response = self.client.get(URL)
        self.assertContains(response, '<svg class="avatar"', count=1)
        self.assertNotContains(response, "gravatar")

    @override_settings(COMMENTS_GRAVATAR=True)
    def test_gravatar_only_when_the_setting_is_on(self):
        self.assertContains(
            self.client.get(URL), 'src="https://www.gravatar.com/avatar/'
        )
