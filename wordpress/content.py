"""WordPress HTML to our plain-text paragraphs, and back.

Our articles and comments are plain text, paragraphs separated by a blank
line, a line break kept inside a paragraph. WordPress content is HTML in
which a blank line also separates paragraphs (its "autop" rule).
"""

import re
from html import escape
from html.parser import HTMLParser

BLOCKS = {
    "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
HIDDEN = {"script", "style", "template"}
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


class TextExtractor(HTMLParser):
    """Text with a blank line at each block and a line break at each <br>.

    A link keeps its address after its text when the two differ.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
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
        elif tag == "a":
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
                self.parts.append(f" ({href})")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_paragraphs(html):
    extractor = TextExtractor()
    extractor.feed(html)
    extractor.close()
    text = "".join(extractor.parts).replace("\r\n", "\n")
    return [paragraph for block in BLANK_LINE.split(text) if (paragraph := tidy(block))]


def tidy(block):
    lines = (" ".join(line.split()) for line in block.split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text(html):
    return "\n\n".join(html_to_paragraphs(html))


def paragraphs_to_html(paragraphs):
    """Article paragraphs as WordPress post content."""
    return "\n\n".join(
        "<p>{}</p>".format(escape(paragraph).replace("\n", "<br />"))
        for paragraph in paragraphs
    )
