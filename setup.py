"""The wheel of the comments app: setuptools (pyproject.toml), plus its
translations compiled into comments/locale/, where Django looks for an
installed app's catalogues.

The catalogues are the site's (locale/*/LC_MESSAGES/django.po, one per
language for every app); compiled files are never committed, so the build
compiles them, with polib like `make translations`.
"""

from pathlib import Path

import polib
from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path(__file__).resolve().parent / "locale"


class BuildWithTranslations(build_py):
    def run(self):
        super().run()
        for catalogue in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
            compiled = Path(self.build_lib, "comments", "locale")
            compiled /= catalogue.relative_to(LOCALE).with_suffix(".mo")
            compiled.parent.mkdir(parents=True, exist_ok=True)
            polib.pofile(str(catalogue)).save_as_mofile(str(compiled))


setup(cmdclass={"build_py": BuildWithTranslations})
