"""The comment POST under load: pre-made submissions, then what was stored."""

import re
import secrets
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from captcha.models import CaptchaStore
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import get_random_string

from comments.forms import stamp
from comments.models import Comment

POSTERS = "poster.bench.example"
ACCEPTED = re.compile(r"#comment-(\d+)$")


@dataclass(frozen=True)
class Outcome:
    statuses: Counter  # HTTP status -> responses wrk read
    accepted: set  # pks named by the 302 redirects
    stored: set  # pks of the posters' comments in the database

    @property
    def answered(self):
        return sum(self.statuses.values())

    @property
    def server_errors(self):
        return sum(n for status, n in self.statuses.items() if status >= 500)

    @property
    def missing(self):
        """Accepted comments that are not in the database (must be none)."""
        return self.accepted - self.stored

    @property
    def unanswered(self):
        """Stored, but wrk stopped before reading the answer (in flight at the end)."""
        return self.stored - self.accepted


def write_requests(path, article, count, writer):
    """`count` honest submissions, one per line, each with its own CAPTCHA.

    Each has a fresh challenge whose answer it knows, a form stamp a minute
    old, a CSRF secret in cookie and form, and its own email; every fourth
    replies to an approved comment.
    """
    challenges = new_challenges(count)
    parents = list(Comment.objects.for_thread(article).values_list("pk", flat=True))
    target = f"/articles/{article.slug}/comments/"
    with Path(path).open("w") as lines:
        for number, challenge in enumerate(challenges):
            csrf = get_random_string(32)
            fields = {
                "csrfmiddlewaretoken": csrf,
                "body": writer.comment(),
                "author_name": writer.name(),
                "author_email": f"poster{number}@{POSTERS}",
                "author_url": "",
                "captcha_0": challenge.hashkey,
                "captcha_1": challenge.response,
                "timestamp": stamp(time.time() - 60),
                "parent": writer.random.choice(parents) if number % 4 == 0 else "",
            }
            body = urllib.parse.urlencode(fields)
            lines.write(f"POST\t{target}\t{settings.CSRF_COOKIE_NAME}={csrf}\t{body}\n")


def new_challenges(count):
    expiration = timezone.now() + timedelta(minutes=settings.CAPTCHA_TIMEOUT)
    challenges = []
    for _ in range(count):
        first, second = 1 + secrets.randbelow(9), 1 + secrets.randbelow(9)
        challenges.append(
            CaptchaStore(
                challenge=f"{first} + {second} =",
                response=str(first + second),
                hashkey=secrets.token_hex(20),
                expiration=expiration,
            )
        )
    return CaptchaStore.objects.bulk_create(challenges)


def outcome(article, log_prefix):
    statuses, accepted = Counter(), set()
    for log in Path(log_prefix).parent.glob(Path(log_prefix).name + "-*.log"):
        for line in log.read_text().splitlines():
            status, location = line.split("\t")
            statuses[int(status)] += 1
            if status == "302" and (found := ACCEPTED.search(location)):
                accepted.add(int(found.group(1)))
    stored = set(
        Comment.objects.filter(
            article=article, author_email__endswith="@" + POSTERS
        ).values_list("pk", flat=True)
    )
    return Outcome(statuses=statuses, accepted=accepted, stored=stored)
