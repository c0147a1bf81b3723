"""The article page in the shapes a site runs in: behind nginx, without Redis,
with Redis killed. Each beside the figures of the same run."""

import gzip
import os
import signal
import urllib.request
from contextlib import contextmanager

from django.test import override_settings

from . import nginx, server
from .measure import BROWSER_ENCODING, article_page, comment_posts, warm_load
from .ports import free_ports
from .redis_server import own_redis
from .report import Row

LOCAL_MEMORY = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def through_nginx(base, article, workdir, options):
    """The 500-comment page through deploy/nginx/newsroom.conf, and nginx
    serving a static file of the same bytes (the gzipped page) in the same run."""
    url = article.get_absolute_url()
    request = urllib.request.Request(base + url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    assert gzip.decompress(body)  # what a browser gets
    port, static_port = free_ports(2)
    with nginx.running(
        workdir / "nginx",
        port=port,
        upstream_port=int(base.rsplit(":", 1)[1]),
        static_port=static_port,
        static_body=body,
    ) as static:
        plain = warm_load(static, options, headers=[BROWSER_ENCODING])
        proxied = warm_load(
            f"http://127.0.0.1:{port}{url}", options, headers=[BROWSER_ENCODING]
        )
    return (
        Row("nginx, a static file of the same bytes (ceiling of the two below)", plain),
        Row("article page, 500 comments, through nginx (micro-cache)", proxied),
    )


def without_redis(article, workdir, options):
    """`make serve` with no REDIS_URL: copies in each worker, the truth in the
    database (one query per view)."""
    env = {**os.environ, "REDIS_URL": ""}
    with serving(env, workdir, "no-redis", options) as base:
        return article_page(
            base,
            article,
            500,
            options,
            shape=", no Redis (version read per view)",
            caches=LOCAL_MEMORY,
        )


def redis_killed(article, workdir, options):
    """`make serve` whose Redis was killed before the load: the page and the
    POST, with every failure costing a miss."""
    with own_redis() as (redis, url):
        env = {**os.environ, "REDIS_URL": url}
        with serving(env, workdir, "redis-killed", options) as base:
            redis.send_signal(signal.SIGKILL)
            redis.wait()
            dead = killed_cache(url)
            page = article_page(
                base, article, 500, options, shape=", Redis killed", caches=dead
            )
            with override_settings(CACHES=dead):
                posts = comment_posts(
                    base,
                    article,
                    workdir,
                    options,
                    name=f"comment POST, {options.connections} posters, Redis killed",
                    domain="killed.bench.example",
                )
    return page, posts


def killed_cache(url):
    return {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }


@contextmanager
def serving(env, workdir, name, options):
    with server.running(
        workers=options.workers, env=env, log_path=workdir / f"server-{name}.log"
    ) as base:
        yield base


def burst(base, article, workdir, options):
    """2,000 posts from 24 clients, each sent once, every answer read."""
    return comment_posts(
        base,
        article,
        workdir,
        options,
        name=f"comment POST, {options.burst:,} posts from {options.burst_clients} "
        "clients",
        connections=options.burst_clients,
        count=options.burst,
        once=True,
        seconds=600,
        domain="burst.bench.example",
    )
