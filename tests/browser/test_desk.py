"""An editor's day at the desk, and how the pages look on a desk and a phone.

Saves the screenshots the README shows, into docs/screenshots/.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment
from comments.services import comment_moderate
from tests.factories import discussion_for

from .conftest import DESKTOP, PHONE, SCREENSHOTS, log_in

NAMES = ["Aigerim", "Daniyar", "Ruslan", "Madina", "Timur", "Saule"]
TEXTS = [
    "Blockchain will not fix sanctions.",
    "Which exchanges are affected by this?",
    "Kazakhstan's legal framework will decide how far this goes.",
    "I doubt the timeline is realistic.",
]
OUTCOMES = ["approved", "approved", "spam", "approved", "trash", "approved", "pending"]


def fill_the_month(article, editor):
    """A month of comments on another story, most decided by the editor, a few
    still waiting; and a question with links held on `article`."""
    other = Article.objects.create(
        title="Caspian pipeline expands",
        slug="caspian-pipeline-expands",
        body="The pipeline grows.",
        status=Article.Status.PUBLISHED,
    )
    discussion = discussion_for(other)
    now = timezone.now()
    for day in range(30):
        for n in range(1 + (day * 7 + 3) % 6):
            name = NAMES[(day + n) % len(NAMES)]
            comment = Comment.objects.create(
                discussion=discussion,
                author_name=name,
                author_email=f"{name.lower()}@example.com",
                body=TEXTS[(day + n) % len(TEXTS)],
                ip_address=f"203.0.113.{NAMES.index(name) + 1}",
                submitted_at=now - timedelta(days=day, hours=n),
            )
            comment.reasons.create(code="manual_approval")
            outcome = OUTCOMES[(day + n) % len(OUTCOMES)] if day > 1 else "pending"
            if outcome != "pending":
                comment_moderate(
                    comments=Comment.objects.filter(pk=comment.pk),
                    status=outcome,
                    user=editor,
                )
    held = Comment.objects.create(
        discussion=discussion_for(article),
        author_name="Nurlan",
        author_email="nurlan@example.com",
        body="Will the exchanges report to the tax office? See http://a.example "
        "and http://b.example",
        ip_address="198.51.100.4",
    )
    held.reasons.create(code="links", detail="2")
    return held


def fits(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.browser
def test_an_editor_works_the_queue_from_the_desk(live_server, browser, article, editor):
    held = fill_the_month(article, editor)
    pending = Comment.objects.pending().count()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    desk = browser.new_context(viewport=DESKTOP).new_page()
    log_in(desk, live_server)
    badge = desk.locator(".desk-badge")
    expect(badge).to_contain_text(f"{pending} pending")
    badge.click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Moderation desk")
    expect(desk.locator(".desk-card-number").first).to_have_text(str(pending))
    expect(desk.get_by_role("img", name="Stacked bars")).to_be_visible()
    expect(desk.get_by_role("rowheader", name="editor", exact=True)).to_be_visible()
    assert fits(desk, DESKTOP["width"])
    desk.screenshot(path=SCREENSHOTS / "desk-desktop.png", full_page=True)

    # The queue fits the screen: the "why" column is not cut off.
    desk.get_by_role("link", name="comments wait for a decision").click()
    rows = desk.locator("#result_list tbody tr")
    expect(rows).to_have_count(pending)
    why = desk.locator("#result_list td.field-why").first
    assert why.bounding_box()["x"] + why.bounding_box()["width"] <= DESKTOP["width"]
    assert fits(desk, DESKTOP["width"])
    expect(desk.get_by_role("heading", name="Keyboard shortcuts")).to_be_visible()
    desk.screenshot(path=SCREENSHOTS / "queue-desktop.png", full_page=True)

    # Keyboard: j moves down, a approves the comment in focus.
    desk.keyboard.press("j")
    desk.keyboard.press("j")
    second = rows.nth(1).locator(".desk-text").first.inner_text()
    expect(rows.nth(1).locator("a").first).to_be_focused()
    desk.keyboard.press("a")
    expect(desk.locator(".messagelist")).to_contain_text("1 comment approved.")
    expect(rows).to_have_count(pending - 1)
    expect(rows.nth(1).locator("a").first).to_be_focused()
    assert Comment.objects.approved().filter(body__startswith=second[:20]).exists()

    # One click on a row's button, back on the same page.
    rows.first.get_by_role("button", name="Spam").click()
    expect(desk.locator(".messagelist")).to_contain_text("1 comment marked as spam.")
    expect(rows).to_have_count(pending - 2)

    # o opens a comment; the editor answers it as the newsroom.
    desk.goto(live_server.url + f"/admin/comments/comment/{held.pk}/change/")
    expect(desk.get_by_text("contains 2 links", exact=True)).to_be_visible()
    desk.get_by_label("Your reply").fill(
        "They will from January: the ministry's order is linked in the article."
    )
    desk.get_by_role("button", name="Approve and publish reply").click()
    expect(desk.locator(".messagelist")).to_contain_text("Your reply is published.")
    desk.context.close()

    # The reader sees the answer with the Newsroom badge, on a desk and a phone.
    for name, viewport in [("desktop", DESKTOP), ("phone", PHONE)]:
        reader = browser.new_context(viewport=viewport).new_page()
        reader.goto(live_server.url + f"/comments/{held.pk}/")
        answer = reader.locator(".comment-newsroom")
        expect(answer.locator(".badge-newsroom")).to_have_text("Newsroom")
        expect(answer.locator(".comment-author")).to_have_text("Mira Sokolova")
        assert fits(reader, viewport["width"])
        reader.goto(live_server.url + article.get_absolute_url() + "#respond")
        reader.screenshot(path=SCREENSHOTS / f"article-{name}.png", full_page=True)
        reader.context.close()

    # The desk and the queue on a phone.
    phone = browser.new_context(viewport=PHONE).new_page()
    log_in(phone, live_server)
    phone.goto(live_server.url + "/admin/desk/")
    assert fits(phone, PHONE["width"])
    phone.screenshot(path=SCREENSHOTS / "desk-phone.png", full_page=True)
    phone.goto(live_server.url + "/admin/comments/comment/")
    assert fits(phone, PHONE["width"])
    phone.screenshot(path=SCREENSHOTS / "queue-phone.png")
    phone.context.close()
