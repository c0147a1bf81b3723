"""Debian's nginx with the shipped deploy/nginx/newsroom.conf, on 127.0.0.1.

Used by the benchmark and the tests: the shipped file, with only its
addresses and cache folder moved to a temporary folder and the ports given,
inside a minimal nginx.conf of the caller's own (no root paths needed).
"""

import os
import shutil
import signal
import subprocess
import time
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

NGINX = Path("/usr/sbin/nginx")
SHIPPED = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "newsroom.conf"

MAIN = """\
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/newsroom.conf;
    server {{
        listen 127.0.0.1:{static_port};
        root {folder}/static;
    }}
}}
"""


def ensure_nginx():
    """Install Debian's nginx-light if it is missing (the benchmark runs as root)."""
    if NGINX.exists():
        return
    env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "nginx-light"], check=True, env=env
    )


def site_config(*, port, upstream_port, cache_folder):
    text = SHIPPED.read_text(encoding="utf-8")
    for old, new in [
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};"),
        ("/var/cache/nginx/newsroom", str(cache_folder)),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    return text


@contextmanager
def running(folder, *, port, upstream_port, static_port, static_body=b""):
    """nginx in front of the app on `port`, and a static file on `static_port`.

    Yields the static file's URL; stopped (and its cache gone) at the end.
    """
    folder = Path(folder)
    (folder / "static").mkdir(parents=True, exist_ok=True)
    (folder / "static" / "page.html").write_bytes(static_body)
    (folder / "newsroom.conf").write_text(
        site_config(port=port, upstream_port=upstream_port, cache_folder=folder / "c")
    )
    user = "user root;" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        MAIN.format(folder=folder, user=user, static_port=static_port)
    )
    with open(folder / "nginx.out", "wb") as out:
        process = subprocess.Popen(
            [NGINX, "-p", folder, "-c", folder / "nginx.conf", "-e", "stderr"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    static = f"http://127.0.0.1:{static_port}/page.html"
    try:
        wait_until_up(static, process, folder)
        yield static
    finally:
        with suppress(ProcessLookupError):
            process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder / "c", ignore_errors=True)


def wait_until_up(url, process, folder, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (folder / "nginx.out").read_text(errors="replace")
            raise RuntimeError(f"nginx exited: {log}")
        with suppress(OSError), urllib.request.urlopen(url, timeout=2):
            return
        time.sleep(0.05)
    raise RuntimeError("nginx did not start")
