"""Reading an export file (WordPress's or Disqus's) as a safe XML stream.

`events(CleanReader(file))` yields the parser's (event, element) pairs. The parser is
defusedxml's over the standard library's expat: a file with a DTD is refused
outright, so no entity can expand (the "billion laughs") and no external file
or URL is ever read. Neither WordPress nor Disqus writes a DTD.

Before the parser sees the bytes, `CleanReader` reads them as leniently as
WordPress's own importer does: blank lines before `<?xml` are dropped, and so
are the control characters XML 1.0 cannot carry (WordPress exports whatever
a comment held). A web page given in place of an export gets a hint.
"""

import re
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException
from django.utils.translation import gettext

# C0 controls but tab, line feed and carriage return. In UTF-8 these bytes
# only ever stand for themselves, so deleting them never splits a character.
CONTROL_BYTES = bytes(set(range(0x20)) - {0x09, 0x0A, 0x0D})
LEADING_SPACE = b" \t\r\n"
BOM = b"\xef\xbb\xbf"
WEB_PAGE = re.compile(rb"(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)


class ExportError(Exception):
    """The file cannot be read as an export; the message says why."""


def web_page_error():
    return ExportError(
        gettext(
            "This looks like a web page, not an export file: your session "
            "probably expired while downloading it. Log in again and download "
            "the export once more."
        )
    )


class CleanReader:
    """A binary file as the XML parser should see it; counts what it removed."""

    def __init__(self, file):
        self.file = file
        self.started = False
        self.removed = 0

    def read(self, size=-1):
        data = self.file.read(size)
        if not self.started and data:
            data = self.start(data, size)
        cleaned = data.translate(None, CONTROL_BYTES)
        self.removed += len(data) - len(cleaned)
        return cleaned

    def start(self, data, size):
        """The first bytes, without a byte order mark or blank lines before them."""
        data = data.removeprefix(BOM).lstrip(LEADING_SPACE)
        while not data:
            more = self.file.read(size)
            if not more:
                return b""
            data = more.lstrip(LEADING_SPACE)
        self.started = True
        if WEB_PAGE.match(data):
            raise web_page_error()
        return data


def events(reader):
    """(event, element) pairs of a CleanReader's file; errors as ExportError."""
    try:
        yield from SafeElementTree.iterparse(
            reader, events=("start", "end"), forbid_dtd=True
        )
    except ParseError as error:
        line, column = error.position
        reason = expat.ErrorString(error.code)
        raise ExportError(
            gettext("Malformed XML at line %(line)s, column %(column)s: %(reason)s.")
            % {"line": line, "column": column, "reason": reason}
        ) from error
    except DefusedXmlException as error:
        raise ExportError(
            gettext(
                "Refused: the file has a document type declaration (<!DOCTYPE>). "
                "Its entities could expand into gigabytes (the 'billion laughs' "
                "attack) or read files from this machine, and no export tool "
                "writes one."
            )
        ) from error


def local_name(tag):
    """`{namespace}name` → `name`."""
    return tag.rpartition("}")[2]
