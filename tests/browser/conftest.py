"""Playwright for Python driving Debian's Chromium, never a downloaded browser."""

import os
from pathlib import Path

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from playwright.sync_api import expect, sync_playwright

from articles.models import Article

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
REQUIRE_BROWSER = "NEWSROOM_REQUIRE_BROWSER"
# Screenshots go to an ignored folder; the README's pictures are refreshed on
# purpose: NEWSROOM_SCREENSHOTS=docs/screenshots make test PYTEST_ARGS=tests/browser
SCREENSHOTS = Path(
    os.environ.get(
        "NEWSROOM_SCREENSHOTS",
        Path(__file__).resolve().parents[2] / "test-results" / "screenshots",
    )
)
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
PASSWORD = "moderate-with-care-2024"
CAPTCHA_LABEL = "Anti-spam sum"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package."
        if os.environ.get(REQUIRE_BROWSER) == "1":
            pytest.fail(f"{reason} ({REQUIRE_BROWSER}=1 requires the browser tests.)")
        pytest.skip(reason)
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an asyncio event loop running in this
        # thread, so Django would refuse the test's own queries (and the
        # database flush after each test) with SynchronousOnlyOperation. The
        # test and the live server never use the ORM at the same time.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


@pytest.fixture
def article(transactional_db, settings):
    # A browser fills the form in well under a second; the rule against
    # forms posted too quickly has tests of its own.
    settings.COMMENTS_MIN_FORM_SECONDS = 0
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
        display_name="Mira Sokolova",
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


def captcha_answer(page):
    """The sum's answer, the honest way: the key is in the page, the answer in
    the store. The page fetches its challenge once the reader is in the form."""
    expect(page.locator(".captcha-image")).to_be_visible()
    key = page.locator("input[name=captcha_0]").input_value()
    return CaptchaStore.objects.get(hashkey=key).response


def solve_captcha(page):
    field(page, CAPTCHA_LABEL).fill(captcha_answer(page))


def log_in(page, live_server, username="editor"):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
