import os
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase

PASSWORD = "correct-horse-battery"


def create_editor(password=PASSWORD, **options):
    out = StringIO()
    with mock.patch.dict(os.environ, {"NEWSROOM_EDITOR_PASSWORD": password}):
        call_command("create_editor", "mira", interactive=False, stdout=out, **options)
    return out.getvalue()


def logs_in(client, password=PASSWORD):
    response = client.post(
        "/admin/login/", {"username": "mira", "password": password, "next": "/admin/"}
    )
    return response.status_code == 302 and response["Location"] == "/admin/"


class CreateEditorTests(TestCase):
    def test_creates_a_staff_editor_who_can_log_in(self):
        assert "Created editor 'mira'." in create_editor(email="mira@example.com")
        user = get_user_model().objects.get(username="mira")
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
        assert user.email == "mira@example.com"
        assert logs_in(self.client)
        assert self.client.get("/admin/comments/comment/").status_code == 200

    def test_running_again_updates_the_account(self):
        create_editor()
        assert "Updated editor 'mira'." in create_editor(password="another-long-secret")
        assert get_user_model().objects.count() == 1
        assert logs_in(self.client, "another-long-secret")

    def test_a_weak_password_is_refused_and_nothing_is_created(self):
        with self.assertRaisesMessage(CommandError, "too short"):
            create_editor(password="abc")
        assert not get_user_model().objects.exists()

    def test_no_input_needs_the_password_variable(self):
        with self.assertRaisesMessage(CommandError, "NEWSROOM_EDITOR_PASSWORD"):
            create_editor(password="")

    def test_asks_for_the_password_twice_interactively(self):
        with mock.patch("getpass.getpass", side_effect=[PASSWORD, PASSWORD]):
            call_command("create_editor", "mira", stdout=StringIO())
        assert logs_in(self.client)

    def test_differing_passwords_are_refused(self):
        with (
            mock.patch("getpass.getpass", side_effect=[PASSWORD, "other"]),
            self.assertRaisesMessage(CommandError, "differ"),
        ):
            call_command("create_editor", "mira", stdout=StringIO())
