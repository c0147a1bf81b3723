"""The wheel of the comments app: setuptools (pyproject.toml), plus two
things a host project needs that the checkout keeps elsewhere.

- Translations: the catalogues are the site's (locale/*/LC_MESSAGES/
  django.po, one per language for every app), compiled into
  comments/locale/, where Django looks for an installed app's. Compiled
  files are never committed, so the build compiles them, with polib like
  `make translations`.
- Migrations: the site's history of the comments app depends on its other
  apps (articles); the wheel carries comments/wheel_migrations/ instead of
  the migrations those replace (`replaces`), and any later ones as they are.
"""

import ast
import shutil
from pathlib import Path

import polib
from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
LOCALE = ROOT / "locale"
SQUASHED = ROOT / "comments" / "wheel_migrations"


def replaced(migration):
    """The names of the migrations a squashed one lists in `replaces`."""
    for node in ast.walk(ast.parse(migration.read_text())):
        target = isinstance(node, ast.Assign) and node.targets[0]
        if isinstance(target, ast.Name) and target.id == "replaces":
            return {name for _app, name in ast.literal_eval(node.value)}
    return set()


class BuildWithTranslations(build_py):
    def run(self):
        super().run()
        app = Path(self.build_lib, "comments")
        for catalogue in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
            compiled = app / "locale" / catalogue.relative_to(LOCALE)
            compiled = compiled.with_suffix(".mo")
            compiled.parent.mkdir(parents=True, exist_ok=True)
            polib.pofile(str(catalogue)).save_as_mofile(str(compiled))
        for squashed in sorted(SQUASHED.glob("0*.py")):
            for name in replaced(squashed):
                (app / "migrations" / f"{name}.py").unlink(missing_ok=True)
            shutil.copy(squashed, app / "migrations" / squashed.name)


setup(cmdclass={"build_py": BuildWithTranslations})
