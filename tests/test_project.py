import os
import re
import secrets
import subprocess
import sys
import tempfile
from io import StringIO
from unittest import mock

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase


class MigrationTests(TestCase):
    def test_every_model_change_has_its_migration(self):
        out = StringIO()
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
        assert "No changes detected" in out.getvalue()


class HealthTests(TestCase):
    def test_the_bare_view_answers_ok_without_a_query(self):
        with self.assertNumQueries(0):
            response = self.client.get("/livez")
        assert response.content == b"ok"
        assert response["Content-Type"] == "text/plain"

    def test_health_checks_the_database_and_the_cache(self):
        response = self.client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"database": "ok", "cache": "ok"}

    def test_a_cache_that_fails_is_reported_not_fatal(self):
        with (
            mock.patch.object(cache, "set", side_effect=ConnectionError("down")),
            self.assertLogs("newsroom.views", "WARNING") as logs,
        ):
            response = self.client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"database": "ok", "cache": "unavailable"}
        assert "the cache is unavailable: down" in logs.output[0]


class SecurityHeaderTests(SimpleTestCase):
    def test_pages_carry_a_strict_content_security_policy(self):
        policy = self.client.get("/livez")["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy


class EnvFileTests(SimpleTestCase):
    def setting(self, name, env_file, **environment):
        env = {"PATH": os.environ["PATH"], "ENV_FILE": str(env_file), **environment}
        result = subprocess.run(
            [sys.executable, "-c", f"import newsroom.settings as s; print(s.{name})"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    def test_the_file_fills_in_what_the_environment_leaves_unset(self):
        with tempfile.NamedTemporaryFile("w", suffix=".env") as env_file:
            env_file.write("SECRET_KEY=from-the-file\nCOMMENTS_PER_PAGE=7\n")
            env_file.flush()
            assert self.setting("COMMENTS_PER_PAGE", env_file.name) == "7"
            assert (
                self.setting("COMMENTS_PER_PAGE", env_file.name, COMMENTS_PER_PAGE="9")
                == "9"
            )
            assert self.setting("SECRET_KEY", env_file.name) == "from-the-file"

    def test_admins_come_from_the_environment(self):
        admins = "Mira <mira@news.example>, ops@news.example"
        assert self.setting("ADMINS", os.devnull, SECRET_KEY="x", ADMINS=admins) == (
            "[('Mira', 'mira@news.example'), ('', 'ops@news.example')]"
        )


class LoggingTests(SimpleTestCase):
    def test_errors_go_to_stderr_one_readable_line_each(self):
        script = (
            "import django, logging; django.setup(); "
            "logging.getLogger('comments.notifications').error('Mail server down')"
        )
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
            capture_output=True,
            text=True,
            check=True,
        )
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ERROR "
            r"comments.notifications: Mail server down\n",
            result.stderr,
        )


class DeployCheckTests(SimpleTestCase):
    def test_production_settings_pass_the_deploy_check(self):
        env = {
            key: value
            for key, value in os.environ.items()
            # The browser tests' fixture allows async-unsafe calls meanwhile.
            if key
            not in {
                "DEBUG",
                "HTTPS",
                "DJANGO_SETTINGS_MODULE",
                "DJANGO_ALLOW_ASYNC_UNSAFE",
            }
        }
        env.update(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="news.example")
        result = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "check",
                "--deploy",
                "--fail-level",
                "WARNING",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert "System check identified no issues" in result.stdout
