"""Attempt budgets: how many challenges, wrong answers and posts one network
(an IPv4 address, an IPv6 /64) may spend in a window of time.

Counts live in the database, the one truth every worker and server shares,
so a budget holds whatever the cache does. Each spend is one statement (an
upsert that returns the new count), so two servers counting at once never
lose a count. Windows are fixed: a budget of 60 an hour refills on the hour
of its own window. Keys are HMACs under the site's secret key: the table
does not say which addresses came.
"""

import ipaddress
import time

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

from .models import Attempts, BudgetRefusal

# Budget name -> the settings that hold its limit and its window in seconds.
BUDGETS = {
    "challenge": ("COMMENTS_CHALLENGE_LIMIT", "COMMENTS_CHALLENGE_WINDOW"),
    "audio": ("COMMENTS_AUDIO_LIMIT", "COMMENTS_AUDIO_WINDOW"),
    "wrong_answer": ("COMMENTS_WRONG_ANSWER_LIMIT", "COMMENTS_WRONG_ANSWER_WINDOW"),
    "post": ("COMMENTS_POST_LIMIT", "COMMENTS_POST_WINDOW"),
    "plain_post": ("COMMENTS_PLAIN_POST_LIMIT", "COMMENTS_PLAIN_POST_WINDOW"),
}


class Exhausted(Exception):
    """A network spent its budget; it may try again in `retry_after` seconds."""

    def __init__(self, budget, retry_after):
        super().__init__(budget, retry_after)
        self.budget = budget
        self.retry_after = retry_after

    def message(self):
        minutes = max(1, -(-self.retry_after // 60))
        return ngettext(
            "Too many attempts from your network. Please try again in %(minutes)d "
            "minute.",
            "Too many attempts from your network. Please try again in %(minutes)d "
            "minutes.",
            minutes,
        ) % {"minutes": minutes}


def spend(budget, ip_address):
    """Count one attempt against a budget; raise Exhausted past its limit."""
    limit_name, window_name = BUDGETS[budget]
    limit, window = getattr(settings, limit_name), getattr(settings, window_name)
    now = int(time.time())
    start = now - now % window
    if count(hashed(f"{budget}:{network(ip_address)}"), start) > limit:
        record_refusal(budget)
        raise Exhausted(budget, start + window - now)


def forget_ended_windows():
    """Delete counts whose window ended, even under the longest budget window;
    return how many."""
    longest = max(getattr(settings, window) for _limit, window in BUDGETS.values())
    ended = Attempts.objects.filter(window_start__lte=int(time.time()) - longest)
    return ended.delete()[0]


def network(ip_address):
    """The address a budget is kept for: IPv4 whole, IPv6 by its /64."""
    if not ip_address:
        return "unknown"
    address = ipaddress.ip_address(ip_address)
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 64 if address.version == 6 else 32
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def hashed(value, purpose="comments.budgets"):
    """A keyed hash (HMAC-SHA256 under SECRET_KEY): not reversible by guessing."""
    return salted_hmac(purpose, value, algorithm="sha256").hexdigest()


def insert_without_waiting_for_the_disk(into, values):
    """The start of an INSERT statement, `INSERT INTO {into} VALUES ({values})`,
    for a write whose loss in a crash costs nothing (a count, a challenge):
    on PostgreSQL, outside another transaction, one statement that commits
    without waiting for the disk.

    Every attempt from one network updates the same count row, and its lock
    is held until the commit is on disk: waiting for that would queue every
    poster behind the disk. A later durable commit (a comment) writes these
    to disk too. Inside another transaction, the write is that transaction's
    and commits as it does.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return f"INSERT INTO {into} VALUES ({values}) "
    return (
        "WITH soft AS (SELECT set_config('synchronous_commit', 'off', true)) "
        f"INSERT INTO {into} SELECT {values} FROM soft "
    )


def count(key, window_start):
    """Add one to the key's count in this window (a new window starts at 1)."""
    table = connection.ops.quote_name(Attempts._meta.db_table)
    insert = insert_without_waiting_for_the_disk(
        f"{table} (key, window_start, spent)", "%s, %s, 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"{insert}ON CONFLICT (key) DO UPDATE SET "
            f"spent = CASE WHEN {table}.window_start = excluded.window_start "
            f"THEN {table}.spent + 1 ELSE 1 END, "
            "window_start = excluded.window_start "
            "RETURNING spent",
            [key, window_start],
        )
        return cursor.fetchall()[0][0]


def record_refusal(budget):
    table = connection.ops.quote_name(BudgetRefusal._meta.db_table)
    insert = insert_without_waiting_for_the_disk(
        f"{table} (day, budget, refused)", "%s, %s, 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"{insert}ON CONFLICT (day, budget) "
            f"DO UPDATE SET refused = {table}.refused + 1",
            [timezone.localdate(), budget],
        )
