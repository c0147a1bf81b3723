"""An editor's decisions in Chromium: undo, reports, a ban, the trash, the
history, and the tabs on a phone."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import discussion_for

from .conftest import DESKTOP, PHONE, SCREENSHOTS, field, log_in, solve_captcha

QUEUE = "/admin/comments/comment/"


def held(article, body, email="reader@example.com", **fields):
    return Comment.objects.create(
        discussion=discussion_for(article),
        author_name=fields.pop("author_name", "Reader"),
        author_email=email,
        body=body,
        ip_address=fields.pop("ip_address", "198.51.100.4"),
        **fields,
    )


def editor_page(browser, live_server, viewport=DESKTOP):
    page = browser.new_context(viewport=viewport).new_page()
    log_in(page, live_server)
    return page


def row(page, text):
    return page.locator("#result_list tbody tr", has_text=text)


@pytest.mark.browser
def test_spam_then_undo_from_a_button_and_from_a_shortcut(
    live_server, browser, article, editor
):
    held(article, "Buy cheap watches today")
    held(article, "A fair question about the law")
    page = editor_page(browser, live_server)
    page.goto(live_server.url + QUEUE)
    row(page, "Buy cheap watches").get_by_role("button", name="Spam").click()
    message = page.locator(".messagelist")
    expect(message).to_contain_text("1 comment marked as spam.")
    message.get_by_role("button", name="Undo").click()
    expect(message).to_contain_text("Undone: 1 comment is back where it was.")
    expect(row(page, "Buy cheap watches")).to_have_count(1)
    assert Comment.objects.get(body__startswith="Buy").status == "pending"

    # The keyboard: j to the first comment, t to trash it, then Undo. The
    # shortcuts' help shows once the reloaded page's script listens.
    expect(page.locator("#desk-shortcuts")).to_be_visible()
    page.keyboard.press("j")
    page.keyboard.press("t")
    expect(message).to_contain_text("1 comment moved to the trash.")
    message.get_by_role("button", name="Undo").click()
    expect(message).to_contain_text("Undone: 1 comment is back where it was.")
    assert set(Comment.objects.values_list("status", flat=True)) == {"pending"}

    # The history says it in words.
    comment = Comment.objects.get(body__startswith="Buy")
    page.goto(live_server.url + f"{QUEUE}{comment.pk}/history/")
    history = page.locator("#decision-history")
    expect(history).to_contain_text("Marked as spam by editor")
    expect(history).to_contain_text("Held for moderation by editor")
    expect(history).to_contain_text("was spam")
    page.context.close()


def report(browser, live_server, comment, reason):
    reader = browser.new_context(viewport=DESKTOP).new_page()
    reader.goto(live_server.url + comment.discussion.get_absolute_url())
    reader.locator(f"#comment-{comment.pk}").get_by_role("link", name="Report").click()
    reader.get_by_label(reason).check()
    reader.get_by_role("button", name="Send the report").click()
    expect(reader.locator(".notice")).to_have_text(
        "Thank you, an editor will look at it."
    )
    reader.context.close()


@pytest.mark.browser
def test_two_readers_report_a_comment_and_the_editor_sees_both_reasons(
    live_server, browser, article, editor
):
    comment = held(article, "You are all fools", status="approved")
    report(browser, live_server, comment, "Abusive")
    report(browser, live_server, comment, "Off-topic")
    page = editor_page(browser, live_server)
    page.goto(live_server.url + QUEUE)
    tabs = page.get_by_role("navigation", name="Comments by status")
    tabs.get_by_role("link", name="Reported (1)").click()
    reported = row(page, "You are all fools")
    expect(reported).to_contain_text("Reported by 2 readers:")
    expect(reported).to_contain_text("abusive")
    expect(reported).to_contain_text("off-topic")
    page.context.close()


@pytest.mark.browser
def test_a_banned_author_s_comments_and_next_post_land_in_spam(
    live_server, browser, settings, article, editor
):
    settings.COMMENTS_FLOOD_SECONDS = 0
    first = held(article, "Pills for sale", email="bot@spam.example")
    held(article, "A second offer", email="bot@spam.example")
    page = editor_page(browser, live_server)
    page.goto(live_server.url + f"{QUEUE}{first.pk}/change/")
    ban = page.locator("section", has_text="Spam and block")
    ban.get_by_label("email: bot@spam.example").check()
    ban.get_by_label("How long").select_option(label="for good")
    ban.get_by_label("Reason").fill("pill spam")
    ban.get_by_role("button", name="Spam and block").click()
    expect(page.locator(".messagelist")).to_contain_text("2 comments moved to spam.")
    expect(page.locator(".field-blocks")).to_contain_text("bot@spam.example")

    reader = browser.new_context(viewport=DESKTOP).new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    field(reader, "Comment").fill("Still selling pills")
    field(reader, "Name").fill("Bot")
    field(reader, "Email").fill("bot@spam.example")
    solve_captcha(reader)
    reader.get_by_role("button", name="Post Comment").click()
    expect(reader.locator(".notice")).to_have_text(
        "Your comment is awaiting moderation."
    )
    reader.context.close()

    page.goto(live_server.url + QUEUE + "?status=spam")
    for text in ["Pills for sale", "A second offer", "Still selling pills"]:
        expect(row(page, text)).to_have_count(1)
    expect(row(page, "Still selling pills")).to_contain_text("the author is blocked")
    page.goto(live_server.url + "/admin/comments/block/")
    expect(page.locator("#result_list")).to_contain_text("pill spam")
    page.context.close()


@pytest.mark.browser
def test_empty_the_trash(live_server, browser, article, editor):
    for number in range(3):
        held(article, f"Trashed {number}", status="trash")
    held(article, "Still waiting")
    page = editor_page(browser, live_server)
    page.goto(live_server.url + QUEUE + "?status=trash")
    page.get_by_role("link", name="Empty Trash").click()
    expect(page.get_by_text("Delete 3 comments in the trash for good?")).to_be_visible()
    page.get_by_role("button", name="Empty Trash").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "3 comments in the trash deleted for good."
    )
    assert list(Comment.objects.values_list("body", flat=True)) == ["Still waiting"]
    page.context.close()


@pytest.mark.browser
def test_the_status_tabs_on_a_phone(live_server, browser, article, editor):
    held(article, "Waiting on a phone")
    page = editor_page(browser, live_server, viewport=PHONE)
    page.goto(live_server.url + QUEUE)
    tabs = page.get_by_role("navigation", name="Comments by status")
    for name in ["Pending (1)", "Reported (0)", "Approved", "Spam", "Trash", "All"]:
        link = tabs.get_by_role("link", name=name)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert box["y"] < PHONE["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "queue-tabs-phone.png")
    tabs.get_by_role("link", name="All").click()
    expect(row(page, "Waiting on a phone")).to_have_count(1)
    page.context.close()


@pytest.mark.browser
def test_quick_edit_and_reply_from_the_row(live_server, browser, article, editor):
    comment = held(article, "Teh law is unclear", author_name="Aigerim")
    page = editor_page(browser, live_server)
    page.goto(live_server.url + QUEUE)
    line = row(page, "Teh law is unclear")
    line.get_by_role("link", name="Quick edit").click()
    line.get_by_role("textbox", name="Comment").fill("The law is unclear")
    line.get_by_role("button", name="Save").click()
    expect(page.locator(".messagelist")).to_contain_text("The comment is saved.")
    expect(page).to_have_url(live_server.url + QUEUE)
    comment.refresh_from_db()
    assert comment.body == "The law is unclear"

    line = row(page, "The law is unclear")
    line.get_by_text("Reply", exact=True).click()
    line.get_by_label("Reply as the newsroom").fill("It is, and we asked.")
    line.get_by_role("button", name="Publish reply").click()
    expect(page.locator(".messagelist")).to_contain_text("Your reply is published.")
    assert Comment.objects.get(by_newsroom=True).parent_id == comment.pk
    page.context.close()
