"""Erase a commenter's personal data, as WordPress's eraser does.

Every comment made with the email address is anonymised: the name becomes
"Anonymous", the email, website and user agent are cleared and the IP address
is truncated. The text stays unless --delete-text: then a comment nobody
answered is deleted, and one with replies stays as a placeholder. Each change
is recorded in the admin history under the editor named by --by. With
--dry-run nothing changes. Running it again finds nothing left to erase.
"""

from collections import Counter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from comments.personal_data import personal_data_erase
from comments.privacy import Fate


class Command(BaseCommand):
    help = "Anonymise every comment made with an email address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--delete-text",
            action="store_true",
            help="Delete the comments' text too (placeholders stay for replies).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change."
        )
        parser.add_argument(
            "--by",
            metavar="USERNAME",
            help="The editor doing it, recorded in the admin history.",
        )

    def handle(self, *args, email, delete_text, dry_run, by, **options):
        user = None if dry_run else self.editor(by)
        plan = personal_data_erase(
            email=email, delete_text=delete_text, user=user, dry_run=dry_run
        )
        if not plan:
            self.stdout.write(f"No comment was made with {email}.")
            return
        if dry_run or options["verbosity"] >= 2:
            for comment, fate in plan:
                self.stdout.write(
                    f"  comment {comment.pk} on {comment.discussion.title!r} "
                    f"({comment.submitted_at:%Y-%m-%d}): {fate.label}"
                )
        fates = Counter(fate for _comment, fate in plan)
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} the personal data in {len(plan)} comment(s) made with "
                f"{email}: {fates[Fate.ANONYMISED]} keep their text, "
                f"{fates[Fate.PLACEHOLDER]} stay as placeholders, "
                f"{fates[Fate.DELETED]} deleted."
            )
        )

    def editor(self, username):
        if not username:
            raise CommandError("Name the editor doing this with --by USERNAME.")
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not user.has_perm("comments.erase_personal_data"):
            raise CommandError(
                f"{username!r} is not a user allowed to erase personal data."
            )
        return user
