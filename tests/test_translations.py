"""Every string of ours is translated into every shipped language.

- each catalogue in locale/ is complete: no untranslated or fuzzy entry, and
  every translation keeps its placeholders;
- the catalogues hold every string the code and templates mark (extracted
  afresh with `makemessages` in a copy of the project: GNU gettext, which
  .ci/run installs; skipped without it outside CI);
- no template shows words outside {% translate %} / {% blocktranslate %}.

`make messages` brings the catalogues up to date after strings change.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.test import SimpleTestCase
from django.utils.translation import to_locale

ROOT = Path(__file__).resolve().parent.parent
# The project's own apps (the folders makemessages reads, with manage.py).
APPS = sorted(
    Path(config.path).name
    for config in apps.get_app_configs()
    if Path(config.path).parent == ROOT
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\}")
# Attributes whose words a person reads or hears.
READ_ATTRIBUTES = re.compile(r'\b(alt|title|aria-label|placeholder)="([^"{]*)"')
TAG = re.compile(r"<[^>]*>")
ENTITY = re.compile(r"&[#\w]+;")
WORD = re.compile(r"[^\W\d_]{2,}")


def catalogue(language):
    path = ROOT / "locale" / to_locale(language) / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(path))


def shipped():
    return [code for code, _name in settings.LANGUAGES if code != "en"]


class CatalogueTests(SimpleTestCase):
    def test_every_shipped_language_is_complete(self):
        for language in shipped():
            po = catalogue(language)
            untranslated = [entry.msgid for entry in po.untranslated_entries()]
            fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
            assert (untranslated, fuzzy) == ([], []), language

    def test_translations_keep_their_placeholders(self):
        for language in shipped():
            for entry in catalogue(language).translated_entries():
                wanted = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
                wanted |= set(PLACEHOLDER.findall(entry.msgid))
                forms = list(entry.msgstr_plural.values()) or [entry.msgstr]
                for form in forms:
                    found = set(PLACEHOLDER.findall(form))
                    # A plural form may drop its count ("one error"); no more.
                    dropped = len(wanted - found) if entry.msgid_plural else 0
                    assert found <= wanted and dropped <= 1, (language, entry.msgid)


@pytest.mark.skipif(
    not shutil.which("xgettext") and not os.environ.get("CI"),
    reason="GNU gettext (apt-get install gettext) extracts the strings",
)
class CoverageTests(SimpleTestCase):
    def test_the_catalogues_hold_every_marked_string(self):
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "project"
            for name in [*APPS, "manage.py"]:
                source = ROOT / name
                if source.is_dir():
                    shutil.copytree(source, copy / name)
                else:
                    shutil.copy(source, copy / name)
            (copy / "locale").mkdir()
            extraction = subprocess.run(
                [sys.executable, "manage.py", "makemessages", "-l", "ru", "-e",
                 "html,txt,py,md", "--no-location"],
                cwd=copy,
                env={
                    **os.environ,
                    "DJANGO_SETTINGS_MODULE": "newsroom.settings",
                    "DEBUG": "1",
                    "SECRET_KEY": "extract-only",
                },
                check=False,
                capture_output=True,
                text=True,
            )  # fmt: skip
            assert extraction.returncode == 0, extraction.stderr
            fresh = polib.pofile(str(copy / "locale/ru/LC_MESSAGES/django.po"))
        ours = {(entry.msgctxt, entry.msgid) for entry in catalogue("ru")}
        missing = [
            entry.msgid for entry in fresh if (entry.msgctxt, entry.msgid) not in ours
        ]
        assert missing == [], "run `make messages` and translate: " + repr(missing)


def templates():
    for app in APPS:
        for path in sorted((ROOT / app / "templates").rglob("*")):
            if path.suffix in {".html", ".txt", ".md"}:
                yield path


def own_text(source):
    """The template's text with every tag and variable replaced by "§", and
    the insides of {% blocktranslate %} left out (they are translated), as are
    the admin's {% block bodyclass %} (CSS classes, not words)."""
    parts = []
    translating = False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            # Translated text, and the admin's body classes (no words).
            if name == "blocktranslate" or token.contents == "block bodyclass":
                translating = True
            elif name in {"endblocktranslate", "endblock"}:
                translating = False
        if token.token_type == TokenType.TEXT and not translating:
            parts.append(token.contents)
        else:
            parts.append("§")
    return "".join(parts)


def untranslated_words(source):
    """Words a reader sees in a template that no translation tag covers."""
    text = own_text(source)
    attributes = [value for _name, value in READ_ATTRIBUTES.findall(text)]
    shown = ENTITY.sub(" ", TAG.sub(" ", text))
    return [value for value in attributes if WORD.search(value)] + WORD.findall(shown)


class TemplateTextTests(SimpleTestCase):
    def test_no_template_shows_words_outside_translate_tags(self):
        offenders = {
            str(path.relative_to(ROOT)): words
            for path in templates()
            if (words := untranslated_words(path.read_text()))
        }
        assert offenders == {}

    def test_the_check_sees_plain_words(self):
        assert untranslated_words("<p>Hello {{ name }}</p>") == ["Hello"]
        assert untranslated_words('<img alt="A picture" src="x">') == ["A picture"]
        assert untranslated_words("<p>{% translate 'Hello' %}</p>") == []
