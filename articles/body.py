"""Article bodies: HTML as WordPress writes it, always served sanitised.

A body is HTML in which, as in WordPress, a blank line also separates
paragraphs and a line break inside a plain paragraph is kept (its "autop"
rule), so plain text written in the admin reads as it did. Whatever reaches
the page goes through nh3 (the Ammonia sanitiser) with a short allow-list:
links, emphasis, lists, quotes, headings, images with captions, tables.
"""

import re
from html.parser import HTMLParser

import nh3
from django.utils.safestring import mark_safe

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "li", "mark", "ol", "p", "pre", "q", "s", "small", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}
BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
BLOCK_START = re.compile(
    r"</?(p|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|figure|figcaption|pre|table|"
    r"thead|tbody|tfoot|tr|td|th|hr|div|section|article|aside|header|footer)\b"
    r"|<!--",
    re.IGNORECASE,
)


def autop(html):
    """Paragraphs for the blocks of text that are not already HTML blocks."""
    blocks = (block.strip() for block in BLANK_LINE.split(html.replace("\r\n", "\n")))
    return "\n".join(
        block
        if BLOCK_START.match(block)
        else "<p>{}</p>".format(block.replace("\n", "<br>\n"))
        for block in blocks
        if block
    )


def clean(html):
    """The body as safe HTML: allowed tags and attributes only."""
    html = nh3.clean(
        autop(html),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return html.replace("<p></p>", "").strip()


def render(body):
    return mark_safe(clean(body))


BLOCKS = {
    "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
HIDDEN = {"script", "style", "template"}


class TextExtractor(HTMLParser):
    """Text with a blank line at each block and a line break at each <br>.

    With `links`, a link keeps its address after its text when the two
    differ, in angle brackets: plain text's way of marking where an address
    ends, so a comma after it stays a comma.
    """

    def __init__(self, links=False):
        super().__init__(convert_charrefs=True)
        self.keep_links = links
        self.parts = []
        self.hidden = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in HIDDEN:
            self.hidden += 1
        elif tag == "a" and self.keep_links:
            self.links.append((len(self.parts), dict(attrs).get("href") or ""))

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag in HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag == "a" and self.links:
            start, href = self.links.pop()
            text = "".join(self.parts[start:]).strip()
            if href.startswith(("http://", "https://")) and href != text:
                self.parts.append(f" <{href}>")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def text_paragraphs(html, *, links=False, as_body=True):
    """The paragraphs of an HTML text as plain text.

    A body's line breaks are its <br> (after `autop`); other HTML (a
    comment's) keeps its line breaks as they are.
    """
    extractor = TextExtractor(links=links)
    extractor.feed(autop(html).replace("\n", " ") if as_body else html)
    extractor.close()
    text = "".join(extractor.parts).replace("\r\n", "\n")
    return [paragraph for block in BLANK_LINE.split(text) if (paragraph := tidy(block))]


def tidy(block):
    lines = (" ".join(line.split()) for line in block.split("\n"))
    return "\n".join(line for line in lines if line)
