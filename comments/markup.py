"""Comment text as safe HTML: a small Markdown subset, rendered once.

Readers may use emphasis, quotes, inline code and code blocks, lists and
links. Python-Markdown parses the text with raw HTML, headings, rules and
images turned off (so they read as typed), and nh3 (the Rust `ammonia`
sanitiser) keeps only the tags of that subset and gives every link
`rel="nofollow ugc noopener"`. Everything else is escaped.

The HTML is stored beside the text, with a key made of the renderer's
version and a digest of the text: a page shows the stored HTML only while
the key still matches, so text changed by any write path, or a new renderer,
never shows stale HTML (`manage.py render_comments` stores the fresh one).
"""

import hashlib

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

# Raise when the output for the same text changes (new tags, other options).
RENDERER_VERSION = 1

TAGS = {"p", "br", "em", "strong", "blockquote", "code", "pre", "ul", "ol", "li", "a"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

# Parts of Markdown that are not in the subset: they stay plain text.
OFF_BLOCKS = ["hashheader", "setextheader", "hr"]
OFF_INLINE = ["html", "image_link", "image_reference", "short_image_ref"]


def new_parser():
    parser = markdown.Markdown(
        extensions=["fenced_code", "nl2br", "sane_lists", "pymdownx.magiclink"],
        output_format="html",
    )
    parser.preprocessors.deregister("html_block")
    for name in OFF_BLOCKS:
        parser.parser.blockprocessors.deregister(name)
    for name in OFF_INLINE:
        parser.inlinePatterns.deregister(name)
    return parser


PARSER = new_parser()


def render(text):
    """The safe HTML of a comment's text."""
    html = PARSER.reset().convert(text)
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    )


def key(text):
    """What the stored HTML was rendered from: renderer version and text digest."""
    digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    return f"{RENDERER_VERSION}:{digest}"


def current_html(comment):
    """The comment's stored HTML while current, else its text rendered now.

    A row whose text changed by another way, or that a new renderer made
    stale, is rendered here and not stored: a page view writes nothing.
    """
    if comment.body_html_key != key(comment.body):
        return mark_safe(render(comment.body))  # sanitised by nh3
    # Sanitised by nh3 when stored. SafeString, not mark_safe: its check for
    # lazy text, once per comment of a thread, cost more than the rest here.
    return SafeString(comment.body_html)
