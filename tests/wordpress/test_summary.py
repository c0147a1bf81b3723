from django.test import SimpleTestCase
from django.utils import translation

from wordpress.summary import skipped_posts


class SkippedPostsTests(SimpleTestCase):
    def test_each_count_takes_its_own_plural(self):
        skipped = {"drafts": 1, "pages": 3, "type:product": 2}
        assert skipped_posts(skipped) == ("1 draft, 3 pages, 2 posts of type product")

    def test_russian_counts_take_russian_plurals(self):
        with translation.override("ru"):
            assert skipped_posts({"drafts": 1}) == "1 черновик"
            assert skipped_posts({"drafts": 3}) == "3 черновика"
            assert skipped_posts({"drafts": 5}) == "5 черновиков"
            assert skipped_posts({"drafts": 21}) == "21 черновик"

    def test_nothing_skipped_says_none(self):
        assert skipped_posts({}) == "none"
