"""axe-core (bundled by axe-playwright-python, nothing fetched) finds no serious
or critical accessibility problem on the pages readers and editors use."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import discussion_for

from .conftest import DESKTOP, PHONE, field, log_in

BLOCKING = {"serious", "critical"}


def violations(page):
    """Every axe violation on the page, as "rule (impact): nodes" lines."""
    results = Axe().run(page).response["violations"]
    return [
        f"{rule['id']} ({rule['impact']}): "
        + ", ".join(node["target"][0] for node in rule["nodes"][:3])
        for rule in results
    ]


def blocking(page):
    """The serious and critical violations: none is acceptable."""
    return [
        line
        for line in violations(page)
        if line.split("(")[1].split(")")[0] in BLOCKING
    ]


@pytest.mark.browser
def test_reader_and_editor_pages_have_no_serious_violations(
    live_server, browser, article, editor
):
    question = Comment.objects.create(
        discussion=discussion_for(article),
        author_name="Daniyar",
        author_email="daniyar@example.com",
        body="Which exchanges are affected?",
        status=Comment.Status.APPROVED,
    )
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(live_server.url + "/")
    assert blocking(page) == []

    page.goto(live_server.url + article.get_absolute_url())
    assert blocking(page) == []

    # The form with errors shown.
    field(page, "Email").fill("not an address")
    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator(".form-errors")).to_be_visible()
    assert blocking(page) == []

    # A reply form opened under a comment.
    page.get_by_role("link", name="Reply to Daniyar").click()
    expect(page.get_by_role("heading", name="Reply to Daniyar")).to_be_visible()
    assert blocking(page) == []

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(live_server.url + article.get_absolute_url())
    assert blocking(phone) == []
    phone.context.close()

    # The editor's pages: the queue, the desk, a comment.
    log_in(page, live_server)
    for path in [
        "/admin/comments/comment/?status=all",
        "/admin/desk/",
        f"/admin/comments/comment/{question.pk}/change/",
    ]:
        page.goto(live_server.url + path)
        assert blocking(page) == [], path
