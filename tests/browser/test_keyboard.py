"""A reader with a keyboard alone posts a comment."""

import pytest
from playwright.sync_api import expect

from .conftest import CAPTCHA_LABEL, DESKTOP, captcha_answer

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const label = el.labels && el.labels.length
    ? el.labels[0].innerText.replace("*", "")
    : el.getAttribute("aria-label") || el.innerText || el.id;
  return {
    label: label.trim(),
    visible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def tab_to(page, label, visited=None, limit=40):
    """Press Tab until `label` has the focus; every stop must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["visible"], f"no visible focus on {focused['label']!r}"
        if visited is not None:
            visited.append(focused["label"])
        if focused["label"] == label:
            return
    raise AssertionError(f"{label!r} is not reachable with Tab")


@pytest.mark.browser
def test_a_keyboard_alone_posts_a_comment(live_server, browser, settings, article):
    settings.CAPTCHA_FLITE_PATH = "/usr/bin/flite"
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(live_server.url + article.get_absolute_url())

    # Every control is reachable, in reading order, with its focus visible.
    visited = []
    tab_to(page, "Comment", visited)
    assert visited[0] == "Skip to content"
    # Entering the form fetches the reader's own sum, and with it the link to
    # hear it; wait for it rather than race it.
    expect(page.locator(".captcha-audio")).to_be_visible()
    form = ["Comment"]
    tab_to(page, "Post Comment", form)
    assert form == [
        "Comment",
        "Name",
        "Email",
        "Website",
        "Listen to the sum",
        CAPTCHA_LABEL,
        "Show a new sum",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Notify me of follow-up comments by email.",
        "Post Comment",
    ]

    # A first attempt with a mistake: the errors are announced and linked.
    page.reload()
    tab_to(page, "Comment")
    page.keyboard.type("Keyboards deserve good forms too.")
    tab_to(page, "Name")
    page.keyboard.type("Saule")
    tab_to(page, "Email")
    page.keyboard.type("saule at example")
    tab_to(page, CAPTCHA_LABEL)
    page.keyboard.type(captcha_answer(page))
    tab_to(page, "Post Comment")
    page.keyboard.press("Enter")
    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(page).to_have_title("Error: " + article.title + " · Newsroom")
    email = page.get_by_role("textbox", name="Email", exact=True)
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(
        "Your email address will not be published. Enter a valid email address."
    )
    page.keyboard.press("Tab")
    expect(
        page.get_by_role("link", name="Email: Enter a valid email address.")
    ).to_be_focused()
    page.keyboard.press("Enter")
    expect(email).to_be_focused()

    # Fix it and post, still by keyboard.
    page.keyboard.press("Control+A")
    page.keyboard.type("saule@example.com")
    tab_to(page, CAPTCHA_LABEL)
    page.keyboard.type(captcha_answer(page))
    tab_to(page, "Post Comment")
    page.keyboard.press("Enter")
    expect(page.locator(".notice")).to_have_text("Your comment is awaiting moderation.")
    expect(page.locator(".comment-pending")).to_contain_text(
        "Keyboards deserve good forms too."
    )
