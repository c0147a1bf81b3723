"""Django's Redis cache, as an accelerator the site never depends on.

- One Redis client per connection pool. Django builds a new `redis.Redis` for
  every cache call, and building one (its table of response callbacks) costs
  more than the call itself: on a cached article page it was most of the time
  spent outside the network. A client is thread-safe and shares its pool.
- A Redis that is down, refuses, hangs or drops the connection costs a miss,
  never an error: a failed read answers "absent", a failed write is dropped,
  and `add()` and `incr()` answer None (unknown), so that callers who must
  know (flood control) ask the database instead. The connect and socket
  timeouts (settings) are short; after a failure this process leaves Redis
  alone for `retry_seconds`, so a hanging Redis slows one request per
  interval rather than every one, and the outage is logged once per interval.
"""

import functools
import logging
import time
from urllib.parse import urlsplit

from django.core.cache.backends import redis as django_redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ReusedClientRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            pool = self._get_connection_pool(write)
            self._clients[index] = self._client(connection_pool=pool)
        return self._clients[index]


def unless_down(fallback):
    """Answer `fallback(*args)` when Redis fails or failed a moment ago."""

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            if self.is_down:
                return fallback(*args, **kwargs)
            try:
                answer = method(self, *args, **kwargs)
            except RedisError as error:
                self._went_down(error)
                return fallback(*args, **kwargs)
            if self._down_until:
                self._down_until = 0.0
                logger.warning("Redis answers again at %s.", self.where)
            return answer

        return call

    return decorate


def unknown(*args, **kwargs):
    return None


def absent(key, default=None, *args, **kwargs):
    return default


def none_found(*args, **kwargs):
    return {}


def not_there(*args, **kwargs):
    return False


def none_stored(data, *args, **kwargs):
    return list(data)


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = options.pop("retry_seconds", 5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        self._down_until = 0.0
        address = urlsplit(self._servers[0])  # no password in the logs
        self.where = f"{address.hostname}:{address.port or 6379}{address.path}"

    @property
    def is_down(self):
        """Whether this process is leaving Redis alone after a failure."""
        return time.monotonic() < self._down_until

    def _went_down(self, error):
        if not self._down_until:
            logger.error(
                "Redis at %s failed (%s: %s); serving without it, trying again "
                "every %s s.",
                self.where,
                type(error).__name__,
                error,
                self.retry_seconds,
            )
        else:
            logger.error("Redis at %s still fails (%s).", self.where, error)
        self._down_until = time.monotonic() + self.retry_seconds

    add = unless_down(unknown)(django_redis.RedisCache.add)
    get = unless_down(absent)(django_redis.RedisCache.get)
    set = unless_down(unknown)(django_redis.RedisCache.set)
    touch = unless_down(not_there)(django_redis.RedisCache.touch)
    delete = unless_down(not_there)(django_redis.RedisCache.delete)
    get_many = unless_down(none_found)(django_redis.RedisCache.get_many)
    has_key = unless_down(not_there)(django_redis.RedisCache.has_key)
    incr = unless_down(unknown)(django_redis.RedisCache.incr)
    set_many = unless_down(none_stored)(django_redis.RedisCache.set_many)
    delete_many = unless_down(unknown)(django_redis.RedisCache.delete_many)
    clear = unless_down(not_there)(django_redis.RedisCache.clear)
