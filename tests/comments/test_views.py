from datetime import timedelta

from captcha.models import CaptchaStore
from django.test import TestCase, override_settings
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, Discussion
from tests.factories import (
    captcha_key,
    comment_data,
    fetched_captcha_key,
    make_article,
    make_comment,
    solved_captcha,
)

from .base import POST_URL, URL, PostingTestCase


class CommentCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def heading(self):
        return self.client.get(URL).content.decode()

    def test_no_comments_reads_comments_no(self):
        self.assertInHTML('<h2 id="comments-title">Comments (No)</h2>', self.heading())

    def test_one_comment(self):
        make_comment(self.article)
        self.assertInHTML('<h2 id="comments-title">Comments (1)</h2>', self.heading())

    def test_many_comments_counts_only_approved_ones(self):
        for _ in range(12):
            make_comment(self.article)
        for status in ("pending", "spam", "trash"):
            make_comment(self.article, status=status)
        self.assertInHTML('<h2 id="comments-title">Comments (12)</h2>', self.heading())


class ThreadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        now = timezone.now()
        cls.second = make_comment(
            cls.article, author_name="Second", submitted_at=now - timedelta(hours=1)
        )
        cls.first = make_comment(
            cls.article,
            author_name="First",
            author_url="https://first.example/",
            submitted_at=now - timedelta(hours=2),
            body="Hello <script>alert(1)</script>\n\nSee https://news.example/x\nbye",
        )
        make_comment(cls.article, author_name="Hidden", status="pending")
        make_comment(cls.article, author_name="Junk", status="spam")
        make_comment(cls.article, author_name="Binned", status="trash")

    def setUp(self):
        self.response = self.client.get(URL)
        self.html = self.response.content.decode()

    def test_approved_comments_oldest_first_with_anchors(self):
        first = self.html.index(f'id="comment-{self.first.pk}"')
        assert first < self.html.index(f'id="comment-{self.second.pk}"')
        self.assertContains(self.response, f'href="#comment-{self.first.pk}"')

    def test_author_links_to_website_with_safe_rel(self):
        self.assertInHTML(
            '<a href="https://first.example/" rel="nofollow ugc noopener">First</a>',
            self.html,
        )

    def test_text_is_escaped_with_paragraphs_breaks_and_links(self):
        self.assertNotContains(self.response, "<script>alert(1)</script>")
        self.assertContains(
            self.response, "Hello &lt;script&gt;alert(1)&lt;/script&gt;"
        )
        self.assertInHTML(
            '<p>See <a href="https://news.example/x" rel="nofollow ugc noopener">'
            "https://news.example/x</a><br>bye</p>",
            self.html,
        )

    def test_pending_spam_and_trash_are_invisible(self):
        for name in ("Hidden", "Junk", "Binned"):
            self.assertNotContains(self.response, name)

    def test_emails_and_ip_addresses_never_appear(self):
        self.assertNotContains(self.response, "reader@example.com")
        self.assertNotContains(self.response, "203.0.113.7")


class LeaveAReplyFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def test_form_has_the_fields_in_order_with_captcha(self):
        response = self.client.get(URL)
        html = response.content.decode()
        self.assertInHTML('<h2 id="reply-title">Leave a Reply</h2>', html)
        assert 'id="respond"' in html
        labels = ["Comment", "Name", "Email", "Website", "Anti-spam"]
        positions = [html.index(f'">{label}') for label in labels]
        assert positions == sorted(positions)
        self.assertContains(response, "Your email address will not be published.")
        self.assertContains(response, "csrfmiddlewaretoken")
        self.assertContains(response, '<label for="id_captcha_1">')
        self.assertContains(response, "Post Comment")

    def test_the_page_comes_without_a_challenge_and_writes_nothing(self):
        with self.assertNumQueries(3):
            response = self.client.get(URL)
        assert not CaptchaStore.objects.exists()
        self.assertContains(response, 'name="captcha_0" id="id_captcha_0"')
        self.assertContains(response, "Show the sum")

    def test_the_challenge_reads_like_a_sum(self):
        fetched_captcha_key(self.client)
        store = CaptchaStore.objects.get()
        first, plus, second, equals = store.challenge.split()
        assert (plus, equals) == ("+", "=")
        assert store.response == str(int(first) + int(second))

    def test_the_captcha_image_is_served(self):
        fetched_captcha_key(self.client)
        store = CaptchaStore.objects.get()
        response = self.client.get(f"/captcha/image/{store.hashkey}/")
        assert response["Content-Type"] == "image/png"
        assert response.content.startswith(b"\x89PNG")

    def test_the_refresh_view_hands_out_a_new_challenge(self):
        response = self.client.get(
            "/captcha/refresh/", headers={"X-Requested-With": "XMLHttpRequest"}
        )
        key = response.json()["key"]
        assert CaptchaStore.objects.filter(hashkey=key).exists()
        assert response.json()["image_url"] == f"/captcha/image/{key}/"

    def test_without_javascript_the_sum_comes_with_the_text_kept(self):
        response = self.client.post(
            POST_URL, {"body": "Half written", "new_challenge": "1"}
        )
        assert response.status_code == 200
        key = captcha_key(response)
        assert CaptchaStore.objects.filter(hashkey=key).exists()
        self.assertContains(response, "Half written</textarea>")
        self.assertContains(response, f'src="/captcha/image/{key}/"')

    def test_a_new_sum_without_javascript_keeps_the_text(self):
        page = self.client.get(URL)
        data = comment_data(page, new_challenge="1", body="Half written")
        response = self.client.post(POST_URL, data)
        assert response.status_code == 200
        self.assertContains(response, "Half written</textarea>")
        self.assertNotContains(response, 'class="errorlist')
        assert Comment.objects.count() == 0

    def test_closed_article_shows_no_form(self):
        Discussion.objects.update(comments_open=False)
        response = self.client.get(URL)
        self.assertContains(response, "Comments are closed.")
        self.assertNotContains(response, "Leave a Reply")
        assert not CaptchaStore.objects.exists()


class PostCommentTests(PostingTestCase):
    def test_a_valid_comment_is_stored_pending_with_ip_and_agent(self):
        response = self.post()
        comment = Comment.objects.get()
        self.assertRedirects(response, f"{URL}#comment-{comment.pk}")
        assert comment.status == Comment.Status.PENDING
        assert comment.discussion.host == self.article
        assert (comment.author_name, comment.author_email) == (
            "Aigerim",
            "aigerim@example.com",
        )
        assert comment.author_url == "https://aigerim.example"
        assert comment.ip_address == "198.51.100.4"
        assert comment.user_agent == "TestBrowser/1.0"

    def test_the_poster_sees_the_notice_and_their_pending_comment(self):
        self.post()
        response = self.client.get(URL)
        self.assertContains(response, "Your comment is awaiting moderation.", count=2)
        self.assertContains(response, "Blockchain will not fix sanctions.")
        self.assertInHTML(
            '<h2 id="comments-title">Comments (No)</h2>', response.content.decode()
        )

    def test_nobody_else_sees_the_pending_comment(self):
        self.post()
        other = self.client_class()
        response = other.get(URL)
        self.assertNotContains(response, "Blockchain will not fix sanctions.")
        self.assertNotContains(response, "awaiting moderation")

    def test_a_forged_pending_cookie_shows_nothing(self):
        make_comment(self.article, status="pending", body="Someone else's secret")
        self.client.cookies["newsroom_pending"] = "1"
        self.assertNotContains(self.client.get(URL), "secret")

    def test_the_notice_is_shown_once(self):
        self.post()
        self.client.get(URL)
        self.assertContains(self.client.get(URL), "awaiting moderation", count=1)

    def test_a_wrong_answer_is_refused_with_the_text_kept(self):
        response = self.post(captcha_1="999")
        assert response.status_code == 400
        self.assertContains(response, "That answer is not right.", status_code=400)
        self.assertContains(
            response, "Blockchain will not fix sanctions.</textarea>", status_code=400
        )
        self.assertContains(response, 'value="Aigerim"', status_code=400)
        assert not Comment.objects.exists()

    def test_a_refused_form_gets_a_fresh_challenge(self):
        page = self.client.get(URL)
        data = comment_data(page, captcha_1="999")
        response = self.client.post(POST_URL, data)
        assert data["captcha_0"] not in response.content.decode()
        assert CaptchaStore.objects.count() == 1

    def test_an_answer_can_be_used_only_once(self):
        data = comment_data(self.client.get(URL))
        self.client.post(POST_URL, data)
        replay = self.client.post(POST_URL, data)
        assert replay.status_code == 400
        self.assertContains(replay, "already used", status_code=400)
        assert Comment.objects.count() == 1

    def test_a_wrong_answer_spends_the_challenge(self):
        data = comment_data(self.client.get(URL))
        right_answer = data["captcha_1"]
        self.client.post(POST_URL, {**data, "captcha_1": "999"})
        response = self.client.post(POST_URL, {**data, "captcha_1": right_answer})
        assert response.status_code == 400
        assert not Comment.objects.exists()

    def test_an_expired_challenge_is_refused(self):
        data = comment_data(self.client.get(URL))
        CaptchaStore.objects.update(expiration=timezone.now() - timedelta(seconds=1))
        response = self.client.post(POST_URL, data)
        self.assertContains(response, "has expired", status_code=400)
        assert not Comment.objects.exists()

    def test_a_missing_answer_asks_for_the_sum(self):
        response = self.post(captcha_1="")
        self.assertContains(response, "Please solve the sum.", status_code=400)

    def test_required_fields_are_named_in_errors(self):
        response = self.post(body="  ", author_name="", author_email="")
        assert response.status_code == 400
        form = response.context["form"]
        assert set(form.errors) == {"body", "author_name", "author_email"}
        self.assertContains(response, 'aria-invalid="true"', count=3, status_code=400)

    def test_invalid_email_and_website_are_refused(self):
        response = self.post(
            author_email="not-an-email", author_url="javascript:alert(1)"
        )
        form = response.context["form"]
        assert set(form.errors) == {"author_email", "author_url"}
        self.assertContains(response, "http:// or https://", status_code=400)

    def test_a_website_without_scheme_gets_https(self):
        self.post(author_url="example.org")
        assert Comment.objects.get().author_url == "https://example.org"

    def test_fields_over_their_limits_are_refused(self):
        limits = {
            "author_name": 245,
            "author_email": 100,
            "author_url": 200,
            "body": 65525,
        }
        long_values = {
            "author_name": "n" * 246,
            "author_email": "e" * 90 + "@example.com",
            "author_url": "https://example.org/" + "u" * 190,
            "body": "b" * 65526,
        }
        response = self.post(**long_values)
        assert response.status_code == 400
        assert set(response.context["form"].errors) == set(limits)
        self.assertContains(response, "at most 245 characters", status_code=400)

    def test_fields_at_their_limits_are_accepted(self):
        self.post(
            author_name="n" * 245,
            author_email="e" * 88 + "@example.com",
            author_url="https://example.org/" + "u" * 180,
            body="b" * 65525,
        )
        comment = Comment.objects.get()
        assert len(comment.body) == 65525
        assert len(comment.author_name) == 245

    def test_comments_on_closed_articles_are_refused(self):
        Discussion.objects.update(comments_open=False)
        response = self.client.post(POST_URL, {"body": "hi", "author_name": "A"})
        self.assertContains(response, "Comments are closed.", status_code=403)
        assert not Comment.objects.exists()

    def test_comments_on_unpublished_articles_are_refused(self):
        Article.objects.update(status=Article.Status.DRAFT)
        response = self.client.post(POST_URL, {"body": "hi"})
        self.assertContains(response, "not published", status_code=404)
        assert not Comment.objects.exists()

    def test_get_is_not_allowed(self):
        assert self.client.get(POST_URL).status_code == 405

    def test_csrf_is_enforced(self):
        client = self.client_class(enforce_csrf_checks=True)
        data = comment_data(client.get(URL))
        response = client.post(POST_URL, data)
        assert response.status_code == 403
        assert not Comment.objects.exists()


@override_settings(COMMENTS_MIN_FORM_SECONDS=0)
class WithoutJavaScriptTests(TestCase):
    """The page carries no token or sum; the form comes back with both."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def test_a_first_post_without_a_token_comes_back_ready_to_post(self):
        client = self.client_class(enforce_csrf_checks=True)
        client.get(URL)
        draft = {"body": "Kept text", "author_name": "Ana", "author_email": "a@x.org"}
        response = client.post(POST_URL, {**draft, "timestamp": ""})
        self.assertContains(
            response, "Solve the sum below to post your comment.", status_code=403
        )
        self.assertContains(response, "Kept text</textarea>", status_code=403)
        assert not Comment.objects.exists()
        html = response.content.decode()
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        stamp_value = html.split('name="timestamp" value="')[1].split('"')[0]
        data = {
            **draft,
            **solved_captcha(response),
            "csrfmiddlewaretoken": token,
            "timestamp": stamp_value,
        }
        assert client.post(POST_URL, data).status_code == 302
        assert Comment.objects.get().body == "Kept text"
