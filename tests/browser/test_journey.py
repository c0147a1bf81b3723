"""The journey of a comment: a reader posts it, an editor approves it."""

import re
from pathlib import Path

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from playwright.sync_api import expect

from articles.models import Article

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PASSWORD = "moderate-with-care-2024"
COMMENT = "Kazakhstan's legal framework will decide how far this goes."
AWAITING = "Your comment is awaiting moderation."
PENDING_CLASS = re.compile(r"\bcomment-pending\b")


@pytest.fixture
def article(transactional_db):
    call_command("load_seeds", verbosity=0)
    return Article.objects.get()


@pytest.fixture
def editor(transactional_db, monkeypatch):
    ensure_editors_group()
    monkeypatch.setenv("NEWSROOM_EDITOR_PASSWORD", PASSWORD)
    call_command(
        "create_editor",
        "editor",
        email="editor@example.com",
        interactive=False,
        verbosity=0,
    )
    return get_user_model().objects.get(username="editor")


def ensure_editors_group():
    """Re-run the data migration that creates the Editors group if need be.

    A transactional test ends by emptying every table, so the group is gone
    when an earlier transactional test ran; a migrate, not a flush, makes it.
    """
    if Group.objects.filter(name="Editors").exists():
        return
    loader = MigrationLoader(connection)
    key = next(
        key
        for key in loader.disk_migrations
        if key[0] == "comments" and key[1].endswith("_editors_group")
    )
    state = loader.project_state(key)
    for operation in loader.get_migration(*key).operations:
        operation.code(state.apps, None)


def field(page, label):
    """A text box by its accessible name (the "*" of required fields is hidden)."""
    return page.get_by_role("textbox", name=label, exact=True)


def solve_captcha(page):
    """Answer the sum honestly: the key is in the page, the answer in the store.

    The page fetches its challenge once the reader is in the form.
    """
    expect(page.locator(".captcha-image")).to_be_visible()
    key = page.locator("input[name=captcha_0]").input_value()
    answer = CaptchaStore.objects.get(hashkey=key).response
    field(page, "Anti-spam: what is the sum in the picture?").fill(answer)


@pytest.mark.browser
def test_reader_comment_waits_for_an_editor_then_appears(
    live_server, browser, settings, article, editor
):
    # A browser fills the form in well under a second; the rule against
    # forms posted too quickly has tests of its own.
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    assert editor.is_staff
    assert not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert editor.has_perm("comments.moderate_comment")
    article_url = live_server.url + article.get_absolute_url()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

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
    desk = browser.new_context(viewport=DESKTOP).new_page()
    desk.goto(live_server.url + "/admin/")
    desk.get_by_label("Username").fill("editor")
    desk.get_by_label("Password").fill(PASSWORD)
    desk.get_by_role("button", name="Log in").click()
    desk.locator("tr.model-comment").get_by_role("link", name="Comments").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(
        "Select comment to change"
    )
    expect(desk.locator("#changelist-filter li.selected").first).to_have_text(
        "Pending (1)"
    )
    row = desk.locator("#result_list tbody tr", has_text=COMMENT)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Aigerim")
    expect(row).to_contain_text(article.title)
    desk.screenshot(path=SCREENSHOTS / "moderation-queue.png", full_page=True)
    row.get_by_role("checkbox").check()
    desk.locator("select[name=action]").select_option(label="Approve")
    desk.get_by_role("button", name="Go").click()
    expect(desk.locator(".messagelist")).to_have_text("1 comment approved.")
    expect(desk.locator("#result_list tbody tr", has_text=COMMENT)).to_have_count(0)
    desk.context.close()

    # The first reader reloads the article: the comment is published.
    reader.reload()
    expect(comments_title).to_have_text("Comments (1)")
    published = reader.locator(".comment", has_text=COMMENT)
    expect(published).to_have_count(1)
    expect(published).not_to_have_class(PENDING_CLASS)
    expect(published.locator(".comment-author")).to_have_text("Aigerim")
    expect(reader.get_by_text(AWAITING)).to_have_count(0)
    reader.screenshot(path=SCREENSHOTS / "article.png", full_page=True)
    reader.context.close()
