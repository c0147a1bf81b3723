"""A reader asks for a copy of their comments and gets it by email."""

import json
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import discussion_for, run_worker

from .conftest import DESKTOP

LINK = re.compile(r"https?://\S+")


@pytest.mark.browser
def test_reader_asks_for_their_export_and_downloads_it(
    live_server, browser, settings, article
):
    settings.NEWSROOM_SITE_URL = live_server.url
    Comment.objects.create(
        discussion=discussion_for(article),
        author_name="Aigerim",
        author_email="aigerim@example.com",
        body="Blockchain will not fix sanctions.",
        status=Comment.Status.APPROVED,
    )
    reader = browser.new_context(viewport=DESKTOP, accept_downloads=True).new_page()
    reader.goto(live_server.url + "/privacy/")
    reader.get_by_label("The email address you commented with").fill(
        "aigerim@example.com"
    )
    reader.get_by_label("Send me a copy of my comments").check()
    reader.get_by_role("button", name="Send me the link").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Check your email")
    run_worker()  # what the email worker does

    (confirmation,) = mail.outbox
    assert confirmation.to == ["aigerim@example.com"]
    reader.goto(LINK.search(confirmation.body)[0])
    reader.get_by_role("button", name="Confirm my request").click()
    expect(reader.get_by_role("status")).to_contain_text("it works for 24 hours")
    run_worker()

    download_mail = mail.outbox[1]
    assert download_mail.subject == "Your comments, ready to download"
    link = LINK.search(download_mail.body)[0]
    with reader.expect_download() as waiting:
        reader.evaluate("url => { location.href = url }", link)
    download = waiting.value
    assert download.suggested_filename == "my-comments.json"
    rows = json.loads(download.path().read_text(encoding="utf-8"))
    assert [row["body"] for row in rows] == ["Blockchain will not fix sanctions."]
