"""The site's translation catalogues in locale/: compile them, count them.

    python -m newsroom.translations compile   # every django.po -> django.mo
    python -m newsroom.translations counts    # translated / untranslated / fuzzy

Compiled with polib (pure Python), so `make run` and `make test` need no GNU
gettext; only `make messages`, which extracts the strings, does.
"""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def catalogues():
    return sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


def compile_all():
    for path in catalogues():
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < path.stat().st_mtime:
            polib.pofile(str(path)).save_as_mofile(str(mo))


def counts(path):
    """(translated, untranslated, fuzzy) entries of one catalogue."""
    catalogue = polib.pofile(str(path))
    return (
        len(catalogue.translated_entries()),
        len(catalogue.untranslated_entries()),
        len(catalogue.fuzzy_entries()),
    )


def main(command):
    if command == "compile":
        compile_all()
    elif command == "counts":
        for path in catalogues():
            translated, untranslated, fuzzy = counts(path)
            language = path.parent.parent.name
            print(
                f"{language}: {translated} translated, {untranslated} "
                f"untranslated, {fuzzy} fuzzy"
            )
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(*sys.argv[1:2] or [""])
