from django.test import TestCase

from tests.factories import comment_data, make_article, make_editor

URL = "/articles/a-test-article/"
POST_URL = "/articles/a-test-article/comments/"


class PostingTestCase(TestCase):
    """A published article, and readers who post to it through the real form."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def post(self, ip="198.51.100.4", **overrides):
        data = comment_data(self.client.get(URL), **overrides)
        return self.client.post(
            POST_URL, data, headers={"User-Agent": "TestBrowser/1.0"}, REMOTE_ADDR=ip
        )


class EditorTestCase(TestCase):
    """A published article, and an editor of the Editors group logged in."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)
