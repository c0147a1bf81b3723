"""WordPress content to ours, and back.

Post content stays HTML: block-editor markers are dropped and `[caption]`
shortcodes become the figure and caption they stand for, then the article's
own sanitiser keeps what is safe. Comments are plain text here, paragraphs
separated by a blank line; their HTML becomes that text.
"""

import re
from html import escape

from articles import body

CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.DOTALL)
CAPTION_ATTRIBUTE = re.compile(r"""caption=(["'])(.*?)\1""", re.DOTALL)
IMAGE = re.compile(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", re.DOTALL)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL)


def post_html(content):
    """A post's content as our article body: safe HTML."""
    content = CAPTION.sub(figure, content)
    content = EMBED.sub(lambda match: link(match[1].strip()), content)
    return body.clean(content)


def figure(match):
    attributes, inner = match[1], match[2]
    image = IMAGE.match(inner)
    if image is None:
        return inner
    caption = image[2].strip()
    if not caption and (named := CAPTION_ATTRIBUTE.search(attributes)):
        caption = named[2]
    caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"\n\n<figure>{image[1]}{caption_html}</figure>\n\n"


def link(url):
    return f'<p><a href="{escape(url)}">{escape(url)}</a></p>'


def html_to_text(html):
    """Comment HTML as our plain text; a link keeps its address."""
    return "\n\n".join(body.text_paragraphs(html, links=True, as_body=False))


def title_text(html):
    return " ".join(body.text_paragraphs(html, as_body=False))
