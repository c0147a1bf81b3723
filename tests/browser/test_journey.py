"""The journey of a comment: a reader posts it, an editor approves it, a reply
follows and appears nested under it."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, field, log_in, solve_captcha

COMMENT = "Kazakhstan's legal framework will decide how far this goes."
REPLY = "The framework was promised for spring; nothing is published yet."
AWAITING = "Your comment is awaiting moderation."
PENDING_CLASS = re.compile(r"\bcomment-pending\b")


@pytest.mark.browser
def test_reader_comment_waits_for_an_editor_then_appears(
    live_server, browser, settings, article, editor
):
    assert editor.is_staff
    assert not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert editor.has_perm("comments.moderate_comment")
    # Every poster here comes from 127.0.0.1; the flood rule has its own tests.
    settings.COMMENTS_FLOOD_SECONDS = 0
    article_url = live_server.url + article.get_absolute_url()

    # A reader posts a comment and sees it held for moderation.
    reader = browser.new_context(viewport=DESKTOP).new_page()
    reader.goto(article_url)
    expect(reader.get_by_role("heading", level=1)).to_have_text(article.title)
    comments_title = reader.locator("#comments-title")
    expect(comments_title).to_have_text("Comments (No)")
    expect(reader.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    field(reader, "Comment").fill(COMMENT)
    field(reader, "Name").fill("Aigerim")
    field(reader, "Email").fill("aigerim@example.com")
    field(reader, "Website").fill("https://example.com/aigerim")
    solve_captcha(reader)
    reader.get_by_role("button", name="Post Comment").click()
    expect(reader.locator(".notice")).to_have_text(AWAITING)
    own = reader.locator(".comment", has_text=COMMENT)
    expect(own).to_have_class(PENDING_CLASS)
    expect(own.locator(".comment-author")).to_have_text("Aigerim")
    expect(own.locator(".comment-awaiting")).to_have_text(AWAITING)
    expect(comments_title).to_have_text("Comments (No)")

    # Another reader does not see a comment that is not approved yet.
    other = browser.new_context(viewport=DESKTOP).new_page()
    other.goto(article_url)
    expect(other.locator("#comments-title")).to_have_text("Comments (No)")
    expect(other.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    expect(other.get_by_text(COMMENT)).to_have_count(0)
    other.context.close()

    # An editor approves it from the moderation queue.
    approve_from_the_queue(browser, live_server, COMMENT, article.title)

    # The first reader reloads the article: the comment is published.
    reader.reload()
    expect(comments_title).to_have_text("Comments (1)")
    published = reader.locator(".comment", has_text=COMMENT)
    expect(published).to_have_count(1)
    expect(published).not_to_have_class(PENDING_CLASS)
    expect(published.locator(".comment-author")).to_have_text("Aigerim")
    expect(reader.get_by_text(AWAITING)).to_have_count(0)

    # The reader answers another reader: "Reply" moves the form under it.
    reader.get_by_role("link", name="Reply to Aigerim").click()
    expect(published.locator("#respond")).to_be_visible()
    expect(reader.get_by_role("heading", name="Reply to Aigerim")).to_be_visible()
    field(reader, "Comment").fill(REPLY)
    field(reader, "Name").fill("Daniyar")
    field(reader, "Email").fill("daniyar@example.com")
    solve_captcha(reader)
    reader.get_by_role("button", name="Post Comment").click()
    expect(reader.locator(".notice")).to_have_text(AWAITING)
    approve_from_the_queue(browser, live_server, REPLY, article.title)

    # Once approved, the reply sits in the thread under its parent.
    reader.reload()
    expect(comments_title).to_have_text("Comments (2)")
    parent_id = published.get_attribute("id")
    nested = reader.locator(f"#{parent_id} > ol.children > li.comment")
    expect(nested).to_have_count(1)
    expect(nested).to_contain_text(REPLY)
    expect(nested.locator(".comment-author")).to_have_text("Daniyar")
    reader.context.close()


def approve_from_the_queue(browser, live_server, text, title):
    """An editor logs in, finds the comment among the pending ones, approves it."""
    desk = browser.new_context(viewport=DESKTOP).new_page()
    log_in(desk, live_server)
    desk.locator("tr.model-comment").get_by_role("link", name="Comments").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Comments")
    tabs = desk.get_by_role("navigation", name="Comments by status")
    expect(tabs.locator("[aria-current=page]")).to_have_text("Pending (1)")
    row = desk.locator("#result_list tbody tr", has_text=text)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(title)
    row.get_by_role("checkbox").check()
    desk.locator("select[name=action]").select_option(label="Approve")
    desk.get_by_role("button", name="Go").click()
    expect(desk.locator(".messagelist")).to_contain_text("1 comment approved.")
    expect(desk.locator("#result_list tbody tr", has_text=text)).to_have_count(0)
    desk.context.close()
