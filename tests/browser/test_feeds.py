"""A feed reader shows comments and titles as text: no payload ever runs.

A reader parses the XML (unescaping it once) and renders the HTML fields:
RSS `title` and `description`, Atom `title`, `subtitle`, `summary` and
`content`. Each
payload calls `ran(n)` if it gets the chance; Chromium renders every field.
"""

from xml.etree import ElementTree

import pytest

from tests.factories import make_article, make_comment

PAYLOADS = [
    "<img src=x onerror=ran(1)>",
    "<svg onload=ran(2)></svg>",
    "<script>ran(3)</script>",
    '<a id="link" href="javascript:ran(4)">click me</a>',
    '<iframe srcdoc="<script>parent.ran(5)</script>"></iframe>',
    "<details open ontoggle=ran(6)>",
    "&lt;img src=x onerror=ran(7)&gt;",
    "&#60;img src=x onerror=ran(8)&#62;",
    '<body onload=ran(9)>"><img src=x onerror=ran(10)>',
    "<math><mtext><table><mglyph><style><img src=x onerror=ran(11)>",
]
HTML_FIELDS = {"title", "subtitle", "description", "summary", "content"}
FEEDS = [
    "/feeds/comments/",
    "/feeds/comments/atom/",
    "/articles/{slug}/comments/feed/",
    "/articles/{slug}/comments/feed/atom/",
    "/feeds/articles/",
    "/feeds/articles/atom/",
]


def html_fields(xml):
    """What a feed reader renders as HTML: the fields' text, unescaped once."""
    for element in ElementTree.fromstring(xml).iter():
        if element.tag.rsplit("}", 1)[-1] in HTML_FIELDS and element.text:
            yield element.text


# Transactional like the other browser tests: a plain `db` test between them
# leaves the live server's threads with a connection they cannot close.
@pytest.fixture
def hostile_article(transactional_db):
    article = make_article(title="<img src=x onerror=ran(0)> & friends")
    for payload in PAYLOADS:
        make_comment(article, author_name=payload, body=f"Hello {payload} world")
    return article


@pytest.mark.browser
@pytest.mark.parametrize("url", FEEDS)
def test_no_payload_runs_in_a_feed_reader(browser, client, hostile_article, url):
    response = client.get(url.format(slug=hostile_article.slug))
    assert response.status_code == 200
    fields = list(html_fields(response.content))
    page = browser.new_page()
    ran = []
    page.expose_function("ran", lambda number: ran.append(number))
    shown = []
    for html in fields:
        page.set_content(f"<!doctype html><body>{html}</body>")
        for link in page.locator("a").all():
            link.click()
        shown.append(page.locator("body").inner_text())
    page.close()
    assert ran == []
    text = "\n".join(shown)
    expected = [hostile_article.title, *(PAYLOADS if "comments" in url else [])]
    for literal in expected:
        assert literal in text
