"""With JavaScript off, a reader still reads, replies, gets a new sum and posts."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import discussion_for

from .conftest import PHONE, field, solve_captcha


@pytest.mark.browser
def test_the_reader_journey_works_without_javascript(
    live_server, browser, settings, article
):
    settings.CAPTCHA_FLITE_PATH = "/usr/bin/flite"
    Comment.objects.create(
        discussion=discussion_for(article),
        author_name="Daniyar",
        author_email="daniyar@example.com",
        body="Which exchanges are affected?",
        status=Comment.Status.APPROVED,
    )
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("#comments-title")).to_have_text("Comments (1)")

    # "Reply" is a plain link that reloads the page with the form set up.
    page.get_by_role("link", name="Reply to Daniyar").click()
    expect(page).to_have_url(re.compile(r"\?replytocom=\d+#respond$"))
    expect(page.get_by_role("heading", name="Reply to Daniyar")).to_be_visible()
    expect(page.get_by_role("link", name="Cancel reply")).to_be_visible()

    # The page comes without a sum (serving it writes nothing): "Show the
    # sum" asks the server for one, "Show a new sum" for another; the
    # reader's text is kept each time.
    field(page, "Comment").fill("Binance and two local exchanges, I believe.")
    field(page, "Name").fill("Madina")
    field(page, "Email").fill("madina@example.com")
    expect(page.locator("input[name=captcha_0]")).to_have_value("")
    page.get_by_role("button", name="Show the sum").click()
    expect(page.get_by_role("heading", name="Reply to Daniyar")).to_be_visible()
    key = page.locator("input[name=captcha_0]").input_value()
    assert key
    page.get_by_role("button", name="Show a new sum").click()
    expect(page.locator("input[name=captcha_0]")).not_to_have_value(key)
    expect(field(page, "Comment")).to_have_value(
        "Binance and two local exchanges, I believe."
    )

    # The audio link is a plain link too.
    audio = page.get_by_role("link", name="Listen to the sum")
    assert audio.get_attribute("href").endswith(".wav")

    solve_captcha(page)
    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator(".notice")).to_have_text("Your comment is awaiting moderation.")
    own = page.locator(".comment-pending")
    expect(own).to_contain_text("Binance and two local exchanges, I believe.")
    reply = Comment.objects.get(author_name="Madina")
    assert reply.parent.author_name == "Daniyar"
    assert reply.status == "pending"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
