import gzip
import re

from django.db import connection
from django.test import RequestFactory, TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from comments.embed import asking_origin, frame_policy, normalise_origin
from comments.embed_views import MAX_URLS
from comments.models import Comment, Discussion
from tests.factories import comment_data, make_editor

BLOG = "http://blog.example"
PAGE = f"{BLOG}/2026/12/launch/"
FRAME = "/comments/embed/frame/"
COUNTS = "/comments/embed/counts/"


def frame_url(url=PAGE, title="Launch day", origin=BLOG):
    query = f"?url={url}&title={title}"
    return f"{FRAME}{query}&origin={origin}" if origin else f"{FRAME}{query}"


def writes(queries):
    return [
        query["sql"]
        for query in queries
        if query["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]


def add_comment(discussion, status=Comment.Status.APPROVED, **fields):
    return Comment.objects.create(
        discussion=discussion,
        author_name="Reader",
        author_email="reader@example.com",
        body="A thoughtful comment.",
        status=status,
        ip_address="203.0.113.7",
        **fields,
    )


class OriginTests(TestCase):
    def test_origins_are_compared_in_one_spelling(self):
        assert normalise_origin("HTTPS://Blog.Example:443/a/b?c") == (
            "https://blog.example"
        )
        assert normalise_origin("http://127.0.0.1:8301/x") == "http://127.0.0.1:8301"
        for bad in ("", "javascript:alert(1)", "blog.example", "http://", "ftp://a.b"):
            assert normalise_origin(bad) == ""

    def asking(self, path, **headers):
        return asking_origin(RequestFactory().get(path, headers=headers))

    def test_the_page_that_asks_is_the_loaders_origin_or_the_browsers(self):
        assert self.asking(f"/?origin={BLOG}") == BLOG
        assert self.asking("/", referer=f"{PAGE}") == BLOG
        assert self.asking(f"/?origin={BLOG}", referer=PAGE) == BLOG
        assert self.asking("/", referer="http://testserver/comments/") == ""
        assert self.asking("/") == ""

    def test_a_loader_and_a_browser_that_disagree_are_refused(self):
        assert self.asking(f"/?origin={BLOG}", referer="http://evil.example/") is None
        assert self.asking("/?origin=javascript:x") is None

    @override_settings(COMMENTS_EMBED_ORIGINS=[f"{BLOG}/", "https://Shop.example"])
    def test_frame_ancestors_lists_exactly_the_allowed_origins(self):
        policy = frame_policy()
        assert f"frame-ancestors {BLOG} https://shop.example" in policy
        assert "'none'" not in policy.split("frame-ancestors")[1]
        assert "script-src 'self'" in policy


@override_settings(COMMENTS_EMBED_ORIGINS=[BLOG], COMMENTS_FLOOD_SECONDS=0)
class FrameTests(TestCase):
    def test_an_allowed_page_gets_its_discussion_made_and_framed(self):
        response = self.client.get(frame_url())
        self.assertContains(response, "Leave a Reply")
        discussion = Discussion.objects.get()
        assert (discussion.url, discussion.title) == (PAGE, "Launch day")
        assert response["Content-Security-Policy"].endswith(f"frame-ancestors {BLOG}")
        assert "X-Frame-Options" not in response
        self.assertContains(response, 'src="/static/comments/frame.js"')

    def test_the_origin_may_come_from_the_referer_alone(self):
        response = self.client.get(frame_url(origin=""), headers={"referer": PAGE})
        assert response.status_code == 200
        assert Discussion.objects.count() == 1

    def test_nothing_is_made_for_an_origin_that_is_not_allowed(self):
        refused = [
            self.client.get(frame_url(origin="http://evil.example")),
            self.client.get(
                frame_url(origin=""), headers={"referer": "http://evil.example/"}
            ),
            self.client.get(frame_url(url="http://evil.example/page/")),
            self.client.get(frame_url(), headers={"referer": "http://evil.example/"}),
            self.client.get(frame_url(url="javascript:alert(1)")),
            self.client.get(frame_url(origin="")),
        ]
        assert [response.status_code for response in refused] == [403] * 6
        assert not Discussion.objects.exists()

    def test_an_existing_discussion_needs_no_origin(self):
        Discussion.objects.for_page(url=PAGE, title="Launch day")
        assert self.client.get(frame_url(origin="")).status_code == 200

    def test_every_other_page_still_refuses_to_be_framed(self):
        for path in ("/livez", "/comments/embed/counts/?url=" + PAGE):
            response = self.client.get(path, headers={"referer": PAGE})
            assert response["X-Frame-Options"] == "DENY"
            assert "frame-ancestors 'none'" in response["Content-Security-Policy"]

    def test_the_frame_page_is_cached_and_a_view_writes_nothing(self):
        self.client.get(frame_url())
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(frame_url())
        assert response.status_code == 200
        assert writes(queries.captured_queries) == []
        # The discussion by its URL, then its page version: the page is a copy.
        assert len(queries.captured_queries) == 2
        assert "public" in response["Cache-Control"]

    def test_a_reader_posts_in_the_frame_and_sees_their_comment_pending(self):
        page = self.client.get(frame_url())
        discussion = Discussion.objects.get()
        action = f"/comments/embed/frame/{discussion.pk}/"
        self.assertContains(page, f'action="{action}#respond"')
        response = self.client.post(
            action,
            comment_data(page),
            headers={"referer": f"http://testserver{action}"},
        )
        comment = Comment.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"{action}#comment-{comment.pk}"
        page = self.client.get(response["Location"])
        self.assertContains(page, "Your comment is awaiting moderation.")
        self.assertContains(page, "Blockchain will not fix sanctions.")
        assert "X-Frame-Options" not in page

    def test_the_noscript_link_opens_the_discussion_on_this_site(self):
        response = self.client.get(
            f"/comments/embed/page/?url={PAGE}", headers={"referer": PAGE}
        )
        discussion = Discussion.objects.get()
        self.assertRedirects(response, discussion.get_site_url())


@override_settings(COMMENTS_EMBED_ORIGINS=[BLOG], HTTPS=True)
class ThirdPartyCookieTests(TestCase):
    def challenge(self, referer):
        return self.client.get(
            "/comments/challenge/",
            secure=True,
            headers={"referer": referer, "x-requested-with": "XMLHttpRequest"},
        )

    def test_cookies_set_inside_the_frame_work_in_a_third_party_frame(self):
        Discussion.objects.for_page(url=PAGE, title="Launch day")
        response = self.challenge(f"https://testserver{FRAME}1/")
        cookie = response.cookies["csrftoken"].output()
        assert "SameSite=None; Partitioned" in cookie
        assert "Secure" in cookie

    def test_cookies_elsewhere_stay_first_party(self):
        response = self.challenge("https://testserver/articles/")
        cookie = response.cookies["csrftoken"].output()
        assert "SameSite=Lax" in cookie
        assert "Partitioned" not in cookie


@override_settings(COMMENTS_EMBED_ORIGINS=[BLOG])
class LoaderTests(TestCase):
    def test_the_loader_knows_its_frame_and_counts_and_stays_small(self):
        response = self.client.get("/comments/embed.js")
        assert response["Content-Type"] == "text/javascript; charset=utf-8"
        self.assertContains(response, FRAME)
        self.assertContains(response, COUNTS)
        assert "public" in response["Cache-Control"]
        size = len(gzip.compress(response.content, compresslevel=9))
        print(f"\nloader: {len(response.content)} bytes, {size} gzipped")
        assert size <= 5 * 1024

    def test_the_loader_checks_where_messages_come_from(self):
        script = self.client.get("/comments/embed.js").content.decode()
        assert "event.origin === site" in script
        assert re.search(r"postMessage\([^)]*, site\)", script)


@override_settings(COMMENTS_EMBED_ORIGINS=[BLOG])
class CountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.launch = Discussion.objects.for_page(url=PAGE, title="Launch day")
        cls.other = Discussion.objects.for_page(url=f"{BLOG}/other/", title="Other")
        add_comment(cls.launch)
        add_comment(cls.launch)
        add_comment(cls.launch, status=Comment.Status.PENDING)
        add_comment(cls.other, status=Comment.Status.SPAM)

    def counts(self, *urls, **headers):
        query = "&".join(f"url={url}" for url in urls)
        return self.client.get(f"{COUNTS}?{query}", headers=headers)

    def test_approved_comments_per_page_as_asked(self):
        with self.assertNumQueries(1):
            response = self.counts(PAGE, "HTTP://BLOG.EXAMPLE/other/", f"{BLOG}/new/")
        assert response.json() == {
            "counts": {PAGE: 2, "HTTP://BLOG.EXAMPLE/other/": 0, f"{BLOG}/new/": 0}
        }

    def test_one_query_whatever_the_number_of_pages(self):
        urls = [f"{BLOG}/page-{number}/" for number in range(MAX_URLS)]
        with self.assertNumQueries(1):
            response = self.counts(*urls)
        assert len(response.json()["counts"]) == MAX_URLS

    def test_shared_caches_may_keep_the_answer(self):
        response = self.counts(PAGE)
        assert "public" in response["Cache-Control"]
        assert "s-maxage=60" in response["Cache-Control"]
        assert "Origin" in response["Vary"]

    def test_only_allowed_origins_may_read_it_from_a_script(self):
        allowed = self.counts(PAGE, origin=BLOG)
        assert allowed["Access-Control-Allow-Origin"] == BLOG
        other = self.counts(PAGE, origin="http://evil.example")
        assert "Access-Control-Allow-Origin" not in other

    def test_bad_input_gets_a_json_400(self):
        too_many = [f"{BLOG}/{number}/" for number in range(MAX_URLS + 1)]
        for urls in ([], too_many, ["not a url"], [f"{BLOG}/{'x' * 600}"]):
            with self.assertNumQueries(0):
                response = self.counts(*urls)
            assert response.status_code == 400
            assert "page addresses" in response.json()["error"]


class QueueTests(TestCase):
    def test_editors_see_the_page_an_embedded_comment_was_posted_on(self):
        discussion = Discussion.objects.for_page(url=PAGE, title="Launch day")
        add_comment(discussion, status=Comment.Status.PENDING)
        self.client.force_login(make_editor())
        response = self.client.get("/admin/comments/comment/?status=pending")
        self.assertContains(response, "A thoughtful comment.")
        self.assertContains(response, "Launch day")
        self.assertContains(response, PAGE)
