import os
import secrets
import subprocess
import sys
import tempfile
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase


class MigrationTests(TestCase):
    def test_every_model_change_has_its_migration(self):
        out = StringIO()
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
        assert "No changes detected" in out.getvalue()


class HealthTests(SimpleTestCase):
    def test_the_bare_view_answers_ok(self):
        response = self.client.get("/healthz")
        assert response.content == b"ok"
        assert response["Content-Type"] == "text/plain"


class SecurityHeaderTests(SimpleTestCase):
    def test_pages_carry_a_strict_content_security_policy(self):
        policy = self.client.get("/healthz")["Content-Security-Policy"]
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
