"""The Redis cache backend when Redis is closed or hangs: misses, never errors."""

import socket
import threading
from unittest import mock

from django.test import SimpleTestCase

from bench.ports import free_port
from newsroom.cache import RedisCache


class SilentServer:
    """A socket that accepts connections and never answers (a hanging Redis)."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", free_port()))
        self.port = self.socket.getsockname()[1]
        self.connections = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                connection, _address = self.socket.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        for connection in self.connections:
            connection.close()
        self.socket.close()


def backend(port, retry_seconds=60):
    return RedisCache(
        f"redis://127.0.0.1:{port}/0",
        {
            "OPTIONS": {
                "socket_connect_timeout": 0.2,
                "socket_timeout": 0.2,
                "retry_seconds": retry_seconds,
            }
        },
    )


class RedisDownTests(SimpleTestCase):
    def test_a_closed_port_answers_as_an_empty_cache_and_logs_once(self):
        cache = backend(free_port())
        with self.assertLogs("newsroom.cache", "ERROR") as logs:
            assert cache.get("page", "missing") == "missing"
            assert cache.get_many(["page", "version"]) == {}
            assert cache.add("flood", 1) is None
            assert cache.incr("budget") is None
            cache.set("page", "text")
            cache.set_many({"a": 1})
            cache.delete_many(["a"])
        assert len(logs.records) == 1
        assert "serving without it" in logs.output[0]

    def test_after_a_failure_redis_is_left_alone_for_the_interval(self):
        cache = backend(free_port())
        with self.assertLogs("newsroom.cache", "ERROR"):
            cache.get("page")
        with mock.patch.object(cache._cache, "get_client") as client:
            for _ in range(5):
                assert cache.get("page") is None
        client.assert_not_called()

    def test_the_next_try_after_the_interval_logs_again_if_it_fails(self):
        cache = backend(free_port(), retry_seconds=0)
        with self.assertLogs("newsroom.cache", "ERROR") as logs:
            cache.get("page")
            cache.get("page")
        assert "still fails" in logs.output[1]

    def test_a_hanging_redis_times_out_into_a_miss(self):
        server = SilentServer()
        self.addCleanup(server.close)
        cache = backend(server.port)
        with self.assertLogs("newsroom.cache", "ERROR") as logs:
            assert cache.get("page", "missing") == "missing"
            assert cache.add("flood", 1) is None
        assert "TimeoutError" in logs.output[0]
