"""Each measurement of the benchmark: a row of the results table, and details."""

from contextlib import nullcontext
from dataclasses import dataclass

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

from . import posting, queue
from .load import wrk
from .probe import WriteWatch, queries, reader
from .report import Row
from .seed import seed
from .text import Writer


def prepare(options):
    """Migrate, collect static files, empty the cache and create the data."""
    call_command("migrate", "--no-input", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    cache.clear()  # the bench's own Redis database: no thread left from a past run
    dataset = seed(options.sizes, options.comments)
    settle()
    return dataset


def settle():
    """On PostgreSQL, what autovacuum does to freshly loaded tables in time.

    Statistics for the planner and the visibility map for index-only scans:
    without them the queue's counts read the whole table. (SQLite gets no
    ANALYZE: the site never runs one.)
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


CHALLENGE = "/comments/challenge/"
BROWSER_ENCODING = "Accept-Encoding: gzip, deflate, br"


def warm_load(url, options, connections=None, **kwargs):
    """wrk after a short warm-up, so every worker has its connection and templates."""
    connections = connections or options.connections
    wrk(url, seconds=options.warmup, connections=connections, **kwargs)
    return wrk(url, seconds=options.seconds, connections=connections, **kwargs)


def under_load(url, options, **kwargs):
    """wrk figures, and whatever changed in the database meanwhile."""
    watch = WriteWatch().start()
    return warm_load(url, options, **kwargs), watch.changes()


def written(writes, changed):
    if changed:
        return f"{writes}; **changed under load: {changed}**"
    return f"{writes}; none under load"


def bare_view(base, options):
    return Row("bare view `/livez` (ceiling)", warm_load(base + "/livez", options))


def article_page(base, article, size, options, *, shape="", caches=None):
    """The page of an article: its SQL (first view, the next one, then every
    one after) and its writes. `caches`: the server's, if not this process's."""
    client = reader()
    url = article.get_absolute_url()
    with override_settings(CACHES=caches) if caches else nullcontext():
        first, copy, cached = (queries(client, url) for _ in range(3))
    # Asked for as browsers ask for it: gzip accepted.
    load, changed = under_load(base + url, options, headers=[BROWSER_ENCODING])
    return Row(
        f"article page, {size:,} comments{shape}",
        load,
        queries=f"{first.count} / {copy.count} / {cached.count}",
        writes=written(f"{first.writes} / {copy.writes} / {cached.writes}", changed),
        read_only=not (first.writes or copy.writes or cached.writes or changed),
    )


def captcha_image(base, workdir, options):
    """The CAPTCHA picture, drawn for each request, in turn for 16 challenges."""
    paths = [f"/captcha/image/{c.hashkey}/" for c in posting.new_challenges(16)]
    requests = workdir / "captcha.txt"
    requests.write_text("".join(f"GET\t{path}\t\t\n" for path in paths))
    sql = queries(reader(), paths[0])
    load, changed = under_load(base + "/", options, requests=requests)
    return Row(
        "CAPTCHA image",
        load,
        queries=str(sql.count),
        writes=written(sql.writes, changed),
    )


def challenge_fetch(base, options):
    """What the page's script fetches: a new sum, its picture and its puzzle.

    Each fetch stores a challenge and counts one against the budget of
    127.0.0.1: two writes, by design, so the database changes under load.
    """
    ajax = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    sql = queries(Client(SERVER_NAME="127.0.0.1", **ajax), CHALLENGE)
    load = warm_load(
        base + CHALLENGE, options, headers=["X-Requested-With: XMLHttpRequest"]
    )
    return Row(
        "challenge fetch (JSON, picture, puzzle)",
        load,
        queries=str(sql.count),
        writes=f"{sql.writes} (a challenge, a budget count)",
    )


@dataclass(frozen=True)
class Queue:
    row: Row
    sql: object  # probe.Queries
    times: list  # milliseconds, one request after another
    all_times: list  # the same for the "All" tab


def moderation_queue(base, editor, options):
    """The changelist an editor opens: its SQL, one-by-one times, and load."""
    sql = queries(editor, queue.QUEUE)
    cookie = queue.session_cookie(editor)
    times = queue.response_times(base + queue.QUEUE, cookie)
    all_times = queue.response_times(base + queue.QUEUE + "?status=all", cookie, 10)
    load, changed = under_load(
        base + queue.QUEUE,
        options,
        connections=options.editors,
        headers=[f"Cookie: {cookie}"],
    )
    row = Row(
        f"moderation queue, {options.editors} editors",
        load,
        queries=str(sql.count),
        writes=written(sql.writes, changed),
    )
    return Queue(row=row, sql=sql, times=times, all_times=all_times)


@dataclass(frozen=True)
class Posting:
    row: Row
    outcome: posting.Outcome
    prepared: int


def post_queries(article, writer):
    """The SQL of one accepted POST (from another domain than the posters')."""
    fields = next(posting.submissions(article, 1, writer, domain="probe.example"))
    return queries(reader(), posting.target(article), fields, status=302)


def comment_posts(base, article, workdir, options, **run):
    """Posters at once, each submission honest and used once.

    By default `options.connections` posters for `options.seconds`; `run`
    may give a `name`, `connections`, a `count` of posts to send, each once,
    to the end (`once`), and the posters' email `domain`.
    """
    connections = run.get("connections", options.connections)
    domain = run.get("domain", posting.POSTERS)
    writer = Writer(seed=11)
    sql = post_queries(article, writer)
    requests, log = workdir / f"posts-{domain}.txt", workdir / f"posts-{domain}"
    count = run.get("count", options.posts)
    posting.write_requests(requests, article, count, writer, domain)
    load = wrk(
        base + "/",
        seconds=run.get("seconds", options.seconds),
        connections=connections,
        requests=requests,
        log=log,
        once=count if run.get("once") else 0,
    )
    outcome = posting.outcome(article, log, domain)
    row = Row(
        run.get("name", f"comment POST, {connections} posters"),
        load,
        queries=str(sql.count),
        writes=str(sql.writes),
        errors=outcome.server_errors + load.failed - load.errors["status"],
    )
    return Posting(row=row, outcome=outcome, prepared=count)
