"""The embed in Chromium: a plain HTML page of another origin (another port
on 127.0.0.1) shows a discussion of the comments site; a reader posts through
it, an editor approves, and the page's count says so."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from bench.ports import free_port
from comments.models import Comment, Discussion

from .conftest import DESKTOP, PASSWORD, field, solve_captcha

COMMENT = "Embedded, and still moderated."
AWAITING = "Your comment is awaiting moderation."
HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Launch day</title></head>
<body>
<h1>Launch day</h1>
<p>Comments (<span data-newsroom-count>?</span>)</p>
<div data-newsroom-comments data-url="{url}" data-title="Launch day"></div>
<script src="{site}/comments/embed.js" async></script>
</body></html>
"""


@pytest.fixture
def site(live_server):
    """The comments site, by address: a page of another port on 127.0.0.1 is
    of the same site for cookies (plain HTTP allows no third-party kind)."""
    return live_server.url.replace("://localhost:", "://127.0.0.1:")


@pytest.fixture
def host_site(site, settings):
    """Another origin: one static page that embeds the comments."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    url = f"{origin}/2026/12/launch/"
    page = HOST_PAGE.format(url=url, site=site).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.COMMENTS_EMBED_ORIGINS = [origin]
    settings.COMMENTS_FLOOD_SECONDS = 0
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    yield url
    server.shutdown()
    server.server_close()


def open_host_page(browser, url):
    """The host page, once its counts have arrived."""
    page = browser.new_context(viewport=DESKTOP).new_page()
    with page.expect_response(lambda answer: "/comments/embed/counts/" in answer.url):
        page.goto(url)
    return page


@pytest.mark.browser
def test_a_page_of_another_origin_embeds_a_discussion(site, browser, editor, host_site):
    reader = open_host_page(browser, host_site)
    expect(reader.locator("[data-newsroom-count]")).to_have_text("0")
    frame = reader.frame_locator("iframe[title=Comments]")
    expect(frame.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    discussion = Discussion.objects.get()
    assert (discussion.url, discussion.title) == (host_site, "Launch day")
    # The frame says how tall it is; the loader sizes the iframe to it.
    iframe = reader.locator("iframe[title=Comments]")
    expect(iframe).to_have_attribute("style", re.compile(r"height: \d+px"))

    field(frame, "Comment").fill(COMMENT)
    field(frame, "Name").fill("Aigerim")
    field(frame, "Email").fill("aigerim@example.com")
    solve_captcha(frame)
    frame.get_by_role("button", name="Post Comment").click()
    expect(frame.locator(".notice")).to_have_text(AWAITING)
    own = frame.locator(".comment", has_text=COMMENT)
    expect(own.locator(".comment-awaiting")).to_have_text(AWAITING)
    # The frame's page after the post sizes the iframe too.
    inner = iframe.element_handle().content_frame()
    height = inner.evaluate("() => document.documentElement.scrollHeight")
    expect(iframe).to_have_attribute("style", re.compile(rf"height: {height}px"))
    assert Comment.objects.get().status == Comment.Status.PENDING
    reader.context.close()

    # An editor finds it in the queue, with the page it was posted on.
    desk = browser.new_context(viewport=DESKTOP).new_page()
    desk.goto(site + "/admin/login/")
    desk.get_by_label("Username").fill("editor")
    desk.get_by_label("Password").fill(PASSWORD)
    desk.get_by_role("button", name="Log in").click()
    desk.goto(site + "/admin/comments/comment/")
    row = desk.locator("#result_list tbody tr", has_text=COMMENT)
    expect(row).to_contain_text(host_site)
    row.get_by_role("checkbox").check()
    desk.locator("select[name=action]").select_option(label="Approve")
    desk.get_by_role("button", name="Go").click()
    expect(desk.locator(".messagelist")).to_contain_text("1 comment approved.")
    desk.context.close()

    # Another reader of the host page: the comment, and the count.
    other = open_host_page(browser, host_site)
    expect(other.locator("[data-newsroom-count]")).to_have_text("1")
    published = other.frame_locator("iframe[title=Comments]").locator(
        ".comment", has_text=COMMENT
    )
    expect(published.locator(".comment-author")).to_have_text("Aigerim")
    other.context.close()
