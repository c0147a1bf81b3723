"""One benchmark run, from an empty database to bench/results.md."""

import os
import sys

from django.db import connection

from . import (
    decisions,
    measure,
    profiling,
    queue,
    rendering,
    report,
    server,
    shapes,
    summary,
)
from .probe import reader


def say(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def database_description():
    if connection.vendor == "sqlite":
        return "SQLite (WAL) in a temporary folder"
    return f"{connection.display_name} database {connection.settings_dict['NAME']}"


class Session:
    def __init__(self, workdir, options):
        self.workdir = workdir
        self.options = options
        self.log = workdir / "server.log"

    def run(self):
        started = report.now(), report.load_average()
        say(f"creating {self.options.comments:,} comments")
        dataset = measure.prepare(self.options)
        if self.options.render_only:
            self.render_only(dataset)
            return
        editor = queue.editor_client()
        with server.running(
            workers=self.options.workers, env=dict(os.environ), log_path=self.log
        ) as base:
            say(f"server up at {base}")
            results = self.measure(base, dataset, editor)
            say("the 500-comment page through nginx, and nginx's static file")
            results.rows += shapes.through_nginx(
                base, dataset.threads[500], self.workdir, self.options
            )
        self.measure_shapes(results, dataset)
        ended = report.load_average()
        say("decisions on 1,000 comments, the server stopped")
        decided = decisions.decisions(editor)
        results.sections.append(
            ("Queue tabs and decisions", decisions.section(self.tabs, decided))
        )
        results.targets += summary.decision_targets(self.tabs, decided)
        say("profiling, the server stopped")
        results.sections.append(
            ("Where the time goes", self.profiles(dataset.threads[500], editor))
        )
        times = rendering.render_times(dataset.threads)
        results.sections.append(("Rendering a thread", rendering.section(times)))
        results.targets.append(rendering.target(times))
        results.setup = self.setup(started, ended, dataset)
        results.write()
        self.show_server_errors()

    def measure(self, base, dataset, editor):
        options = self.options
        say("bare view")
        bare = measure.bare_view(base, options)
        pages = []
        for size, article in dataset.threads.items():
            say(f"article page with {size} comments")
            pages.append(measure.article_page(base, article, size, options))
        say("CAPTCHA image")
        captcha = measure.captcha_image(base, self.workdir, options)
        say("challenge fetch")
        challenge = measure.challenge_fetch(base, options)
        say("moderation queue")
        moderation = measure.moderation_queue(base, editor, options)
        say("the queue's tabs")
        decisions.reports()
        self.tabs = decisions.tabs(base, editor)
        say(f"comment POST, {options.connections} posters")
        posting = measure.comment_posts(
            base, dataset.threads[500], self.workdir, options
        )
        say(f"{options.burst:,} posts from {options.burst_clients} clients")
        burst = shapes.burst(base, dataset.threads[2000], self.workdir, options)
        return report.Results(
            setup={},
            rows=[
                *(bare, *pages, captcha, challenge),
                *(moderation.row, posting.row, burst.row),
            ],
            sections=[
                ("Comment POST", summary.posting_section(posting)),
                (burst.row.name, summary.posting_section(burst)),
                (
                    "Moderation queue",
                    summary.queue_section(moderation, dataset.total_comments),
                ),
            ],
            targets=[
                *summary.targets(pages, bare, pages[2], posting, moderation),
                *summary.defence_targets(bare, challenge, posting),
                summary.burst_target(burst),
            ],
        )

    def render_only(self, dataset):
        say("rendering threads in-process, cache off")
        times = rendering.render_times(dataset.threads)
        print("\n".join(rendering.section(times)))
        target, measured, met = rendering.target(times)
        print(f"\n{target}: {measured} ({'met' if met else 'NOT met'})")

    def measure_shapes(self, results, dataset):
        """The servers without Redis and with Redis killed, and the targets."""
        article, workdir, options = dataset.threads[500], self.workdir, self.options
        say("the 500-comment page on a server without Redis")
        no_redis = shapes.without_redis(article, workdir, options)
        say("the 500-comment page and the POST with Redis killed")
        killed_page, killed_posts = shapes.redis_killed(article, workdir, options)
        results.rows += [no_redis, killed_page, killed_posts.row]
        results.sections.append(
            ("Comment POST, Redis killed", summary.posting_section(killed_posts))
        )
        results.targets += summary.shape_targets(results.rows, killed_posts)

    def profiles(self, article, editor):
        return summary.profile_section(
            [
                profiling.breakdown(reader(), "/livez", profiling.WHOLE),
                profiling.breakdown(
                    reader(), article.get_absolute_url(), profiling.ARTICLE_STAGES
                ),
                profiling.breakdown(editor, queue.QUEUE, profiling.QUEUE_STAGES),
            ]
        )

    def setup(self, started, ended, dataset):
        options = self.options
        date, load_average = started
        return {
            "run": (
                f"{date}, `make bench`; load average (1, 5, 15 min) at the start "
                f"{load_average}, at the end {ended}"
            ),
            "machine": report.machine(),
            "server": (
                f"`make serve`: gunicorn, {options.workers} sync workers, DEBUG off, "
                f"HTTPS=0, {database_description()}, Redis cache, "
                "COMMENTS_FLOOD_SECONDS=0 (every poster is 127.0.0.1)"
            ),
            "load": (
                f"wrk, 2 threads, {options.connections} connections "
                f"({options.editors} on the queue), {options.seconds} s per run "
                f"after a {options.warmup} s warm-up, on the same machine; "
                "article pages asked for with `Accept-Encoding: gzip`, as "
                "browsers ask"
            ),
            "data": (
                f"{dataset.total_comments:,} comments; thread articles of "
                + ", ".join(f"{size:,}" for size in dataset.threads)
                + " approved comments (20 to 600 words, replies up to 5 deep)"
            ),
        }

    def show_server_errors(self):
        text = self.log.read_text(errors="replace")
        if "Traceback" in text or "[ERROR]" in text:
            say("the server logged errors; the end of its log:")
            print("\n".join(text.splitlines()[-60:]), file=sys.stderr)
