"""Load every seed article file into the database.

Idempotent: an unchanged seed changes nothing, a changed seed updates its
article (keeping its slug and publication date, so permalinks stay valid).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Article
from articles.seeds import parse_seed
from comments.hosts import host_changed


class Command(BaseCommand):
    help = "Load seeds/*.txt into published articles (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            default=settings.NEWSROOM_SEEDS_DIR,
            type=Path,
            help="Folder holding the seed .txt files (default: the project's seeds/).",
        )

    def handle(self, *args, **options):
        paths = sorted(options["dir"].glob("*.txt"))
        if not paths:
            raise CommandError(f"No seed files (*.txt) in {options['dir']}.")
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        for path in paths:
            outcome = self.load(path)
            counts[outcome] += 1
            if options["verbosity"] >= 2:
                self.stdout.write(f"{path.name}: {outcome}")
        self.stdout.write(
            self.style.SUCCESS(
                "Seed articles: {created} created, {updated} updated, "
                "{unchanged} unchanged.".format(**counts)
            )
        )

    @transaction.atomic
    def load(self, path):
        seed = parse_seed(path.read_text(encoding="utf-8"))
        if not seed.title or not seed.paragraphs:
            raise CommandError(f"{path.name} has no title or no text.")
        article = Article.objects.filter(seed=path.stem).first()
        if article is None:
            Article.objects.create(
                seed=path.stem,
                title=seed.title,
                slug=Article.objects.unique_slug(seed.title),
                body=seed.body,
                status=Article.Status.PUBLISHED,
            )
            return "created"
        if (article.title, article.body) == (seed.title, seed.body):
            return "unchanged"
        article.title, article.body = seed.title, seed.body
        article.save(update_fields=["title", "body"])
        host_changed(article)
        return "updated"
