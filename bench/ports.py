"""Ports for the servers the tests and the benchmark start on 127.0.0.1: from
NEWSROOM_PORTS ("8100-8199") when set (machines shared by several people),
else whatever the system gives."""

import os
import socket
from contextlib import ExitStack


def free_ports(count):
    """`count` different ports nobody listens on (at the time of asking)."""
    first, _, last = os.environ.get("NEWSROOM_PORTS", "").partition("-")
    candidates = iter(range(int(first), int(last) + 1) if last else [0] * count)
    ports = []
    with ExitStack() as held:
        for port in candidates:
            probe = held.enter_context(socket.socket())
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            ports.append(probe.getsockname()[1])
            if len(ports) == count:
                return ports
    raise RuntimeError("Not enough free ports in NEWSROOM_PORTS")


def free_port():
    return free_ports(1)[0]
