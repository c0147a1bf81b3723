"""The comments app as another Django project gets it: built as a wheel,
installed into a fresh virtualenv, and run by the host project in
tests/host (its own settings, urls and Video model) through its own journey.

The wheel is built once per test session. The fresh virtualenv has no
network: the wheel comes from its folder (--no-index --find-links) and the
app's dependencies from the requirements already installed for the tests.
"""

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOST = Path(__file__).resolve().parent / "host"
TIMEOUT = 300
# What the build needs none of.
LEFT_OUT = [".venv", ".git", "*.mo", "__pycache__", "build", "*.egg-info", "tests"]
LEFT_OUT += ["docs", "bench", "staticfiles", "db.sqlite3*", ".pytest_cache"]


def run(*command, cwd=None):
    """A command in a clean environment: none of the test run's settings."""
    result = subprocess.run(
        command,
        cwd=cwd,
        env={name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="session")
def wheel(tmp_path_factory):
    started = time.monotonic()
    folder = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    # A copy of the sources, so that the build leaves nothing in the checkout.
    shutil.copytree(
        ROOT,
        build / "src",
        ignore=shutil.ignore_patterns(*LEFT_OUT),
    )
    run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
        "--wheel-dir", str(folder), str(build / "src"),
    )  # fmt: skip
    [built] = folder.glob("newsroom_comments-*.whl")
    print(f"\nwheel built in {time.monotonic() - started:.1f} s")
    return built


@pytest.fixture(scope="session")
def host_python(wheel, tmp_path_factory):
    started = time.monotonic()
    environment = tmp_path_factory.mktemp("venv")
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    site = run(
        str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    ).stdout.strip()
    # The requirements the tests run with, and nothing of the checkout.
    Path(site, "requirements.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(
        sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
        "--no-index", "--find-links", str(wheel.parent), "newsroom-comments",
    )  # fmt: skip
    print(f"installed in {time.monotonic() - started:.1f} s")
    return python


def wheel_migrations():
    """The squashed migrations, and the site's after the last they replace."""
    squashed = sorted((ROOT / "comments" / "wheel_migrations").glob("0*.py"))
    last = max(re.search(r"_squashed_(\d{4})_", path.name)[1] for path in squashed)
    later = (ROOT / "comments" / "migrations").glob("0*.py")
    return sorted(
        [path.name for path in squashed]
        + [path.name for path in later if path.name[:4] > last]
    )


def test_the_wheel_holds_templates_static_files_migrations_and_translations(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "comments/templates/comments/_section.html" in names
    assert "comments/static/comments/comments.js" in names
    # The squashed migration, free of the site's other apps (setup.py), in
    # place of those it replaces; the site's later ones as they are.
    migrations = [name for name in names if name.startswith("comments/migrations/0")]
    assert sorted(name.rsplit("/", 1)[1] for name in migrations) == wheel_migrations()
    assert "desk/templates/desk/overview.html" in names
    for language in ("ru", "kk", "zh_Hans"):
        assert f"comments/locale/{language}/LC_MESSAGES/django.mo" in names
    assert not [name for name in names if name.split("/")[0] in ("newsroom", "tests")]


def test_the_host_project_runs_its_journey_on_the_installed_wheel(
    host_python, tmp_path
):
    project = tmp_path / "host"
    shutil.copytree(HOST, project, ignore=shutil.ignore_patterns("__pycache__"))
    run(str(host_python), "manage.py", "check", cwd=project)
    run(str(host_python), "manage.py", "makemigrations", "--check", cwd=project)
    result = run(str(host_python), "manage.py", "test", "videos", cwd=project)
    assert "OK" in result.stderr
