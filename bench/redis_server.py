"""A redis-server of the caller's own, on a free port, in memory only.

The tests and the benchmark kill it to see the site without Redis; the
machine's own Redis (6379) is never touched.
"""

import subprocess
import time
from contextlib import contextmanager

import redis

from .ports import free_port


@contextmanager
def own_redis():
    """Yields (process, url); the server is killed at the end if still alive."""
    port = free_port()
    process = subprocess.Popen(
        [
            *("redis-server", "--port", str(port), "--bind", "127.0.0.1"),
            *("--save", "", "--appendonly", "no"),
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_for(url)
        yield process, url
    finally:
        process.kill()
        process.wait()


def wait_for(url, timeout=10):
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + timeout
    while True:
        try:
            client.ping()
            return
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
        finally:
            client.close()
