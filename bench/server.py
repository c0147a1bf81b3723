"""The production server, as `make serve` starts it, on a free port of 127.0.0.1."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

from .ports import free_port

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def running(*, workers, env, log_path, port=0):
    """Serve with `make serve` until the block ends, then stop every process."""
    host = f"127.0.0.1:{port or free_port()}"
    venv = Path(sys.prefix)
    command = [
        "make",
        "--no-print-directory",
        # `make bench` has installed the requirements already.
        f"--old-file={venv}/.installed",
        "serve",
        f"VENV={venv}",
        f"HOST={host}",
        f"WORKERS={workers}",
    ]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # one process group: make, gunicorn, workers
        )
    try:
        wait_until_up(f"http://{host}/livez", process)
        yield f"http://{host}"
    finally:
        stop(process)


def wait_until_up(url, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server exited with status {process.returncode}")
        with suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"The server did not answer {url} within {timeout} s")


def stop(process):
    """SIGTERM to the server's process group, SIGKILL to whatever outlives it."""
    group = process.pid
    signal_group(group, signal.SIGTERM)
    deadline = time.monotonic() + 20
    while group_alive(group) and time.monotonic() < deadline:
        process.poll()  # reap make as soon as it exits
        time.sleep(0.1)
    if group_alive(group):
        signal_group(group, signal.SIGKILL)
    process.wait()


def signal_group(group, signum):
    with suppress(ProcessLookupError):
        os.killpg(group, signum)


def group_alive(group):
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
