"""The proof of work in a real browser: the page's script solves the puzzle
with Web Crypto while the reader writes, and the server checks it."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment

from .conftest import DESKTOP, field, solve_captcha

AWAITING = "Your comment is awaiting moderation."
REFUSED = "Your browser's check of this form did not pass."
FORGE = """(field) => {
  const payload = JSON.parse(atob(field.value));
  payload.number += 1;
  field.value = btoa(JSON.stringify(payload));
}"""


def fill_and_solve(page, url, name):
    """Open the article, write a comment, and wait for the sum and its proof."""
    page.goto(url)
    with page.expect_response("**/comments/challenge/") as fetched:
        field(page, "Comment").fill(f"A comment by {name}, with the proof.")
    assert fetched.value.ok
    field(page, "Name").fill(name)
    field(page, "Email").fill(f"{name.lower()}@example.com")
    solve_captcha(page)
    proof = page.locator("input[name=proof]")
    expect(proof).not_to_have_value("", timeout=20_000)
    return proof


@pytest.mark.browser
def test_the_script_solves_the_puzzle_and_the_post_carries_it(
    live_server, browser, settings, article
):
    settings.COMMENTS_FLOOD_SECONDS = 0
    page = browser.new_context(viewport=DESKTOP).new_page()
    fill_and_solve(page, live_server.url + article.get_absolute_url(), "Aigerim")
    with page.expect_request(lambda request: request.method == "POST") as posted:
        page.get_by_role("button", name="Post Comment").click()
    assert "proof=ey" in posted.value.post_data
    expect(page.locator(".notice")).to_have_text(AWAITING)
    assert Comment.objects.get().author_name == "Aigerim"
    page.context.close()


@pytest.mark.browser
def test_a_forged_or_reused_solution_is_refused(
    live_server, browser, settings, article
):
    settings.COMMENTS_FLOOD_SECONDS = 0
    url = live_server.url + article.get_absolute_url()
    page = browser.new_context(viewport=DESKTOP).new_page()
    proof = fill_and_solve(page, url, "Forger")
    proof.evaluate(FORGE)
    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator("#form-errors")).to_contain_text(REFUSED)
    assert not Comment.objects.exists()

    # An honest post, then its key and proof sent again with another comment.
    proof = fill_and_solve(page, url, "Honest")
    key = page.locator("input[name=captcha_0]").input_value()
    spent = proof.input_value()
    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator(".notice")).to_have_text(AWAITING)
    fill_and_solve(page, url, "Replayer")
    page.locator("input[name=captcha_0]").evaluate("(f, v) => f.value = v", key)
    page.locator("input[name=proof]").evaluate("(f, v) => f.value = v", spent)
    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator("#form-errors")).to_contain_text("already used")
    assert list(Comment.objects.values_list("author_name", flat=True)) == ["Honest"]
    page.context.close()
