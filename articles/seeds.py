"""Reading seed article files.

A seed is plain text: the first line is the title, paragraphs are separated
by blank lines, and the original page's furniture (comment count, the reply
heading, the CAPTCHA sum) may trail the text. The furniture is not article
text: our article page renders its own.
"""

import re
from dataclasses import dataclass

FURNITURE = re.compile(
    r"""^(
        comments?(\s*\((no|\d+)\))?    # "Comments (No)", "Comments (3)", "Comments"
        | (no|\d+)\s+comments?          # "No Comments", "2 Comments"
        | leave\s+a\s+(reply|comment)   # "Leave a Reply"
        | \d+\s*[-+*x\u00d7]\s*\d+\s*=\s*\??   # "2 + 3 ="
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Seed:
    title: str
    paragraphs: list

    @property
    def body(self):
        return "\n\n".join(self.paragraphs)


def parse_seed(text):
    lines = text.replace("\r\n", "\n").split("\n")
    title = lines[0].strip()
    paragraphs = [
        " ".join(block.split())
        for block in re.split(r"\n\s*\n", "\n".join(lines[1:]))
        if block.strip()
    ]
    while paragraphs and FURNITURE.match(paragraphs[-1]):
        paragraphs.pop()
    return Seed(title=title, paragraphs=paragraphs)
