from io import StringIO

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
