from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings

from tests.factories import make_editor

LOGIN = "/admin/login/?next=/admin/"


LIMIT = 5


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
class AdminLockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_editor("mira")

    def attempt(self, password, username="mira", ip="203.0.113.9"):
        return self.client.post(
            LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip
        )

    def test_a_stranger_cannot_lock_an_editor_out_from_another_address(self):
        for _ in range(LIMIT):
            self.attempt("wrong", ip="203.0.113.66")
        response = self.attempt("a-long-test-password", ip="198.51.100.1")
        assert response.status_code == 302
        assert response.url == "/admin/"

    def test_the_strangers_address_is_locked_even_with_the_right_password(self):
        for _ in range(LIMIT):
            self.attempt("wrong", ip="203.0.113.66")
        response = self.attempt("a-long-test-password", ip="203.0.113.66")
        self.assertContains(response, "Too many failed logins", status_code=429)

    def test_failures_spread_over_addresses_lock_none_of_them(self):
        for number in range(LIMIT):
            self.attempt("wrong", ip=f"203.0.113.{number}")
        assert self.attempt("a-long-test-password").status_code == 302

    def test_an_address_is_locked_after_failures_on_many_accounts(self):
        for name in ("a", "b", "c", "d", "e"):
            self.attempt("wrong", username=name)
        response = self.attempt("a-long-test-password")
        self.assertContains(response, "Too many failed logins", status_code=429)

    def test_the_reset_command_unlocks(self):
        for _ in range(LIMIT):
            self.attempt("wrong")
        call_command("axes_reset", stdout=StringIO())
        response = self.attempt("a-long-test-password")
        assert response.status_code == 302

    def test_fewer_failures_do_not_lock(self):
        for _ in range(LIMIT - 1):
            self.attempt("wrong")
        assert self.attempt("a-long-test-password").status_code == 302
