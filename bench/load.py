"""Load from wrk, bounded in time and aimed only at this machine."""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

LUA = Path(__file__).with_name("wrk.lua")
LOCAL = "http://127.0.0.1:"


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    bytes: int
    p50_ms: float
    p99_ms: float
    errors: dict  # wrk's counts: connect, read, write, status (non-2xx/3xx), timeout
    reused: int  # requests sent again after the request file ran out

    @property
    def rps(self):
        return self.requests / self.seconds

    @property
    def bytes_per_response(self):
        return self.bytes // max(self.requests, 1)

    @property
    def failed(self):
        return sum(self.errors.values())


def ensure_wrk():
    """Install Debian's wrk if it is missing (the benchmark runs as root)."""
    if shutil.which("wrk"):
        return
    env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)


def wrk(
    url,
    *,
    seconds,
    connections,
    threads=2,
    headers=(),
    requests="",
    log="",
    once=False,
):
    """Run wrk for `seconds` against `url` on 127.0.0.1 and return its figures.

    `requests` names a file of requests to send in turn (see wrk.lua); `log`
    a path prefix under which each thread logs status and Location per
    response; with `once` (and a log) wrk stops when every request is answered.
    """
    if not url.startswith(LOCAL):
        raise ValueError(f"The benchmark only loads 127.0.0.1, not {url}")
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={LUA}",
        *(f"--header={header}" for header in headers),
        url,
        "--",
        str(requests),
        str(threads),
        str(log),
        "once" if once else "",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(
        line for line in output.stdout.splitlines() if line.startswith("BENCH ")
    )
    figures = json.loads(line.removeprefix("BENCH "))
    return Load(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        bytes=figures["bytes"],
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        errors={
            kind: figures[kind]
            for kind in ("connect", "read", "write", "status", "timeout")
        },
        reused=figures["reused"],
    )
