import re
from pathlib import Path

from django.conf import global_settings

from comments.conf import DEFAULTS

APPS = Path(__file__).resolve().parents[2]


def settings_read(app):
    """Every settings.NAME the app's code reads."""
    return {
        name
        for path in (APPS / app).rglob("*.py")
        if "migrations" not in path.parts
        for name in re.findall(r"settings\.([A-Z][A-Z0-9_]+)", path.read_text())
    }


def test_every_setting_the_apps_read_has_a_default_for_a_host_project():
    for app in ("comments", "desk"):
        missing = {
            name
            for name in settings_read(app)
            if name not in DEFAULTS and not hasattr(global_settings, name)
        }
        assert missing == set(), app
