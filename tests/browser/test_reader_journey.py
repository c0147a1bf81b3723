"""The reader's journey of issue 13 in Chromium, in English and in Russian:
counts on the home page, a reply pending under its parent, an edit within
the window, a recommend, the most-recommended order, a comment's link, the
language switcher; then the same posting and editing without JavaScript.
Screenshots of the article in Russian and Chinese go where the others go
(test-results/screenshots/, or NEWSROOM_SCREENSHOTS)."""

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import discussion_for

from .conftest import DESKTOP, PHONE, SCREENSHOTS, captcha_answer
from .test_accessibility import blocking

LOCALES = {"en": "en-US", "ru": "ru-RU", "zh-hans": "zh-CN", "kk": "kk-KZ"}


def words(language, text):
    with translation.override(language):
        return gettext(text)


def plural(language, singular, many, count, name="count"):
    with translation.override(language):
        return ngettext(singular, many, count) % {name: count}


THREAD = [
    ("Asel", "Which **exchanges** are affected?"),
    ("Bolat", "> Regulators move slowly.\n\nThey do."),
]


def thread(article):
    """Two approved comments, their text rendered as comment_submit does."""
    comments = []
    for name, body in THREAD:
        comment = Comment(
            discussion=discussion_for(article),
            author_name=name,
            author_email=f"{name.lower()}@example.com",
            body=body,
            status=Comment.Status.APPROVED,
        )
        comment.render_body()
        comment.save()
        comments.append(comment)
    return comments


def reader_page(browser, language, javascript=True, viewport=DESKTOP):
    context = browser.new_context(
        viewport=viewport, locale=LOCALES[language], java_script_enabled=javascript
    )
    if javascript:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context.new_page()


def fill_reply(page, language, text):
    form = page.locator("#respond")
    form.locator("textarea[name=body]").fill(text)
    form.locator("input[name=author_name]").fill("Madina")
    form.locator("input[name=author_email]").fill("madina@example.com")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_reader_journey(live_server, browser, settings, article, language):
    settings.COMMENTS_FLOOD_SECONDS = 0
    asel, bolat = thread(article)
    page = reader_page(browser, language)

    # Counts on the home page, linked to the thread.
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    count = page.locator(".comment-count")
    expect(count).to_have_text(
        plural(language, "%(counter)s comment", "%(counter)s comments", 2, "counter")
    )
    count.click()
    expect(page).to_have_url(live_server.url + article.get_absolute_url() + "#comments")

    # A reply, found pending under its parent.
    parent = page.locator(f"#comment-{asel.pk}")
    parent.locator(".comment-reply-link:not(.comment-quote-link)").click()
    fill_reply(page, language, "Binance, I believe.")
    solve_captcha_anywhere(page)
    page.locator("#respond button[type=submit].submit").click()
    pending = parent.locator(".children .comment-pending")
    expect(pending).to_contain_text("Binance, I believe.")
    expect(pending.locator(".comment-awaiting")).to_have_text(
        words(language, "Your comment is awaiting moderation.")
    )

    # An edit within the window.
    pending.locator(".comment-edit-link").click()
    page.locator("textarea[name=body]").fill("Binance, *I think*.")
    page.locator("button.submit").click()
    expect(parent.locator(".children .comment-pending .comment-body em")).to_have_text(
        "I think"
    )

    # A recommend of another comment, counted in place.
    other = page.locator(f"#comment-{bolat.pk}")
    other.locator(".comment-recommend").click()
    expect(other.locator(".recommend-count")).to_have_text(
        plural(language, "%(count)s recommend", "%(count)s recommends", 1)
    )

    # Most recommended first.
    page.get_by_role("link", name=words(language, "Most recommended")).click()
    expect(page.locator(".comment-list > .comment").first).to_have_id(
        f"comment-{bolat.pk}"
    )

    # A comment's link, copied.
    other = page.locator(f"#comment-{bolat.pk}")
    other.locator(".comment-permalink").click()
    expect(page.locator("#comments-status")).to_contain_text(f"/comments/{bolat.pk}/")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{live_server.url}/comments/{bolat.pk}/"

    # Relative times, the exact one in the tooltip.
    time = other.locator(".comment-date time")
    assert time.get_attribute("title")
    assert time.inner_text() != time.get_attribute("title")

    # No serious accessibility problem on the new controls, desktop and phone.
    assert blocking(page) == []
    page.set_viewport_size(PHONE)
    assert blocking(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for control in [".comment-recommend", ".comment-permalink", ".comment-order a"]:
        box = page.locator(control).first.bounding_box()
        assert box["height"] >= 44, control

    # The footer's switcher changes the language, and the page's lang with it.
    other_language = "ru" if language == "en" else "en"
    page.locator(f".language-switcher a[lang={other_language}]").click()
    expect(page.locator("html")).to_have_attribute("lang", other_language)
    page.context.close()


def solve_captcha_anywhere(page):
    """The form's sum, fetched once the reader is in the form (labels vary by
    language, so the answer box is found by its name)."""
    page.locator("#respond textarea[name=body]").focus()
    page.locator("input[name=captcha_1]").fill(captcha_answer(page))


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "ru"])
def test_without_javascript_a_reply_posts_and_is_edited(
    live_server, browser, settings, article, language
):
    settings.COMMENTS_FLOOD_SECONDS = 0
    asel, _bolat = thread(article)
    page = reader_page(browser, language, javascript=False)
    page.goto(live_server.url + article.get_absolute_url())
    parent = page.locator(f"#comment-{asel.pk}")
    parent.locator(".comment-reply-link:not(.comment-quote-link)").click()
    fill_reply(page, language, "Posted without scripts.")
    page.locator("#respond button[type=submit].submit").click()
    expect(page.locator("#form-notice")).to_have_text(
        words(language, "Solve the sum below to post your comment.")
    )
    page.locator("input[name=captcha_1]").fill(captcha_answer(page))
    page.locator("#respond button[type=submit].submit").click()
    pending = parent.locator(".children .comment-pending")
    expect(pending).to_contain_text("Posted without scripts.")
    pending.locator(".comment-edit-link").click()
    page.locator("textarea[name=body]").fill("Edited without scripts.")
    page.locator("button.submit").click()
    expect(parent.locator(".children .comment-pending")).to_contain_text(
        "Edited without scripts."
    )
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_screenshots_of_the_article(live_server, browser, article, language):
    thread(article)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in [("desktop", DESKTOP), ("phone", PHONE)]:
        page = reader_page(browser, language, viewport=viewport)
        page.goto(live_server.url + article.get_absolute_url())
        expect(page.locator("html")).to_have_attribute("lang", language)
        page.locator("#comments").scroll_into_view_if_needed()
        page.screenshot(
            path=SCREENSHOTS / f"article-{language}-{name}.png", full_page=True
        )
        page.context.close()
