from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory, TestCase

from comments.hosts import with_comment_counts
from comments.models import Discussion
from tests.factories import make_article, make_comment, make_page_discussion

SECTION = Template("{% load comments %}{% comments_section host %}")
COUNT = Template("{% load comments %}{% comment_count host %}")


def render(template, host, path="/somewhere/", **extra):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return template.render(Context({"host": host, "request": request, **extra}))


class CommentsSectionTests(TestCase):
    """The tag on a host page whose view knows nothing of comments."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        make_comment(cls.article, body="A public word")
        make_comment(cls.article, body="A held word", status="pending")

    def test_it_renders_the_count_the_thread_and_the_form(self):
        html = render(SECTION, self.article)
        self.assertInHTML('<h2 id="comments-title">Comments (1)</h2>', html)
        assert "A public word" in html
        assert "A held word" not in html
        assert "Leave a Reply" in html
        assert 'name="captcha_0"' in html

    def test_without_a_post_url_the_form_posts_to_the_discussion_page(self):
        discussion = Discussion.objects.for_object(self.article)
        html = render(SECTION, self.article)
        assert f'action="/discussions/{discussion.pk}/#respond"' in html

    def test_a_host_without_a_discussion_gets_one_for_its_form(self):
        other = make_article(slug="other", title="Other")
        html = render(SECTION, other)
        discussion = Discussion.objects.of_object(other).get()
        assert f'action="/discussions/{discussion.pk}/#respond"' in html
        self.assertInHTML('<h2 id="comments-title">Comments (No)</h2>', html)

    def test_the_host_view_names_where_the_form_posts(self):
        html = render(SECTION, self.article, comments_post_url="/here/")
        assert 'action="/here/#respond"' in html

    def test_a_closed_discussion_says_so(self):
        Discussion.objects.of_object(self.article).update(comments_open=False)
        html = render(SECTION, self.article)
        assert "Comments are closed." in html
        assert "Leave a Reply" not in html

    def test_it_takes_a_discussion_too(self):
        discussion = make_page_discussion()
        make_comment(discussion, body="Said elsewhere")
        assert "Said elsewhere" in render(SECTION, discussion)


class CommentCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        make_comment(cls.article)
        make_comment(cls.article)
        make_comment(cls.article, status="pending")

    def test_it_counts_the_approved_comments(self):
        with self.assertNumQueries(1):
            assert render(COUNT, self.article) == "2"

    def test_a_host_without_a_discussion_has_none(self):
        assert render(COUNT, make_article(slug="quiet")) == "0"

    def test_counts_read_with_a_list_cost_no_query(self):
        make_article(slug="quiet")
        hosts = list(with_comment_counts(type(self.article).objects.order_by("pk")))
        with self.assertNumQueries(0):
            assert [render(COUNT, host) for host in hosts] == ["2", "0"]
