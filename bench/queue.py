"""The moderation queue as an editor opens it."""

import statistics
import time
import urllib.request

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from .probe import reader

QUEUE = "/admin/comments/comment/"
EDITOR = "bench-editor"


def editor_client():
    """A test client logged in as an editor made by `create_editor`.

    The password comes from NEWSROOM_EDITOR_PASSWORD; the session is stored
    in the database, so the running server accepts its cookie too.
    """
    call_command(
        "create_editor", EDITOR, "--no-input", "--email", "editor@bench.example",
        verbosity=0,
    )  # fmt: skip
    client = reader()
    client.force_login(get_user_model().objects.get(username=EDITOR))
    return client


def session_cookie(client):
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def response_times(url, cookie, count=30, warmup=3):
    """Milliseconds for `count` GETs of `url`, one after another."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    times = []
    for number in range(warmup + count):
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
        if number >= warmup:
            times.append((time.perf_counter() - started) * 1000)
    return times


def median(times):
    return statistics.median(times)
