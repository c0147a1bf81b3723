"""Load from wrk, bounded in time and aimed only at this machine."""

import json
import shutil
import signal
import subprocess
import time
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
    once=0,
):
    """Run wrk for `seconds` against `url` on 127.0.0.1 and return its figures.

    `requests` names a file of requests to send in turn (see wrk.lua); `log`
    a path prefix under which each thread logs status and Location per
    response. With `once` (the number of requests in the file, and a log),
    each is sent once and wrk is stopped as soon as every one is answered.
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
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    if once:
        stop_when_answered(process, Path(log), once)
    stdout, _ = process.communicate()
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    line = next(line for line in stdout.splitlines() if line.startswith("BENCH "))
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


def stop_when_answered(process, log, count):
    """Interrupt wrk (it then reports) once its logs hold `count` answers
    besides the /healthz it asks for meanwhile: wrk itself would run for its
    whole duration."""
    while process.poll() is None:
        answers = sum(
            line.split(b"\t")[0] != b"200"
            for path in log.parent.glob(f"{log.name}-*.log")
            for line in path.read_bytes().splitlines()
        )
        if answers >= count:
            process.send_signal(signal.SIGINT)
            return
        time.sleep(0.2)
