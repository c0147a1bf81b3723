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

from comments.captcha import sum_challenge
from comments.forms import stamp
from comments.models import Comment, Discussion
from comments.proof_of_work import puzzle, solve

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


def target(article):
    return f"/articles/{article.slug}/comments/"


def submissions(article, count, writer, domain=POSTERS):
    """`count` honest submissions, each with its own CAPTCHA.

    Each has a fresh challenge whose answer it knows, a form stamp a minute
    old, a CSRF secret (for cookie and form) and its own email; every fourth
    replies to an approved comment.
    """
    discussion = Discussion.objects.for_object(article)
    parents = list(Comment.objects.for_thread(discussion).values_list("pk", flat=True))
    for number, challenge in enumerate(new_challenges(count)):
        yield {
            "csrfmiddlewaretoken": get_random_string(32),
            "body": writer.comment(),
            "author_name": writer.name(),
            "author_email": f"poster{number}@{domain}",
            "author_url": "",
            "captcha_0": challenge.hashkey,
            "captcha_1": challenge.response,
            "proof": solve(puzzle(challenge.hashkey)),
            "timestamp": stamp(time.time() - 60),
            "parent": writer.random.choice(parents) if number % 4 == 0 else "",
        }


def write_requests(path, article, count, writer, domain=POSTERS):
    """`count` submissions as wrk.lua reads them, one request per line."""
    with Path(path).open("w") as lines:
        for fields in submissions(article, count, writer, domain):
            cookie = f"{settings.CSRF_COOKIE_NAME}={fields['csrfmiddlewaretoken']}"
            body = urllib.parse.urlencode(fields)
            lines.write(f"POST\t{target(article)}\t{cookie}\t{body}\n")


def new_challenges(count):
    expiration = timezone.now() + timedelta(minutes=settings.CAPTCHA_TIMEOUT)
    challenges = []
    for _ in range(count):
        challenge, answer = sum_challenge()
        challenges.append(
            CaptchaStore(
                challenge=challenge,
                response=answer,
                hashkey=secrets.token_hex(20),
                expiration=expiration,
            )
        )
    return CaptchaStore.objects.bulk_create(challenges)


def outcome(article, log_prefix, domain=POSTERS):
    statuses, accepted = Counter(), set()
    for log in Path(log_prefix).parent.glob(Path(log_prefix).name + "-*.log"):
        for line in log.read_text().splitlines():
            status, location = line.split("\t")
            if status == "200":
                continue  # the /healthz of a thread whose posts are all sent
            statuses[int(status)] += 1
            if status == "302" and (found := ACCEPTED.search(location)):
                accepted.add(int(found.group(1)))
    stored = set(
        Comment.objects.filter(
            discussion__in=Discussion.objects.of_object(article),
            author_email__endswith="@" + domain,
        ).values_list("pk", flat=True)
    )
    return Outcome(statuses=statuses, accepted=accepted, stored=stored)
