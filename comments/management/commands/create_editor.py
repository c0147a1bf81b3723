"""Create (or update) an editor: a staff account in the Editors group.

Interactive by default (the password is asked twice, never echoed). For
scripts, pass --no-input and put the password in NEWSROOM_EDITOR_PASSWORD.
Running it again for the same username updates that account.
--display-name sets the name that signs the editor's replies as the newsroom
(readers never see the login name); the editor can change it in the admin.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from comments.editors import set_signature

PASSWORD_VARIABLE = "NEWSROOM_EDITOR_PASSWORD"


class Command(BaseCommand):
    help = "Create an editor account (staff, in the Editors group, not superuser)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="The editor's email.")
        parser.add_argument(
            "--display-name",
            default="",
            help="The name that signs the editor's newsroom replies.",
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Do not prompt: read the password from ${PASSWORD_VARIABLE}.",
        )

    def handle(self, *args, username, email, display_name, interactive, **options):
        password = self.ask_password() if interactive else self.env_password()
        user, created = get_user_model().objects.get_or_create(username=username)
        try:
            validate_password(password, user)
        except ValidationError as error:
            if created:
                user.delete()
            raise CommandError(" ".join(error.messages)) from error
        user.email = email or user.email
        user.is_staff = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name="Editors"))
        if display_name.strip():
            set_signature(user, display_name.strip())
        verb = "Created" if created else "Updated"
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"{verb} editor {username!r}."))

    def ask_password(self):
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password

    def env_password(self):
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if not password:
            raise CommandError(f"With --no-input, set ${PASSWORD_VARIABLE}.")
        return password
