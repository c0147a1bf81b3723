"""Ports for the servers tests start: from NEWSROOM_TEST_PORTS ("8100-8199")
when set (machines shared by several people), else whatever the system gives."""

import os
import socket


def free_port():
    first, _, last = os.environ.get("NEWSROOM_TEST_PORTS", "").partition("-")
    candidates = range(int(first), int(last) + 1) if last else [0]
    for port in candidates:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError("No free port in NEWSROOM_TEST_PORTS")
