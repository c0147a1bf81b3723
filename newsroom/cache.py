"""Django's Redis cache, reusing one Redis client per connection pool.

Django builds a new `redis.Redis` for every cache call, and building one (its
table of response callbacks) costs more than the call itself: on a cached
article page it was most of the time spent outside the network. A client is
thread-safe and shares its pool, so one per pool serves every call.
"""

from django.core.cache.backends import redis


class ReusedClientRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            pool = self._get_connection_pool(write)
            self._clients[index] = self._client(connection_pool=pool)
        return self._clients[index]


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
