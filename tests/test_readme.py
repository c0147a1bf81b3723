"""Every command the README shows, run as written in a clean shell.

The commands run in a throw-away copy of the project (its own `.env`,
database and static files; the virtualenv is linked, not copied), with an
environment that has only PATH, HOME and LANG: no DEBUG, no SECRET_KEY.
`make run` comes first, as the README says; then every `sh` block in order,
each as one script in a new shell (stdin holds a password typed twice, for
`create_editor`); every cron line as cron runs it (`/bin/sh`, a bare PATH);
every `manage.py` command of the commands table with `--help`; and the
systemd units the README installs, as systemd runs them (`systemctl` itself
is not run: the test changes nothing outside its folder).

What is changed on the way, and why:
- placeholders `=...` get a generated value, `/srv/newsroom` is the copy,
  `/tmp/` the test's own folder, and the WordPress export the README imports
  is a small sample placed in the copy first;
- long-running commands are not run to the end: `make run` and `make serve`
  are started on a free port, checked to answer `/healthz` and to start the
  worker, and stopped;
  `make test` (the suite itself) and `make bench` (minutes of load) are
  checked with `make -n` (and `bench.run --help`); the speed run imports 200
  comments, not 100,000.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import suppress
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from bench.ports import free_port

ROOT = settings.BASE_DIR
SECRET = "readme-test-placeholder-value-Zq8"
PASSWORD = "readme-Test-password-8d1f"
COMMAND_TIMEOUT = 180
SERVER_TIMEOUT = 180
LONG_RUNNING = re.compile(r"\bmake (run|serve|test|bench)\b")
CRON_LINE = re.compile(r"^(?:\S+\s+){5}(cd .*)$")
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".env",
    "db.sqlite3*",
    "staticfiles",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "test-results",
)


def readme_blocks(text):
    """(language, lines) of every fenced block, in order."""
    return [
        (match["language"], match["body"].splitlines())
        for match in re.finditer(
            r"^ *```(?P<language>\w*)\n(?P<body>.*?)^ *```$", text, re.M | re.S
        )
    ]


def readme_section(text, title):
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def table_code(section):
    """The code spans of every row's first cell, and of the whole row."""
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [
        (re.findall(r"`([^`]+)`", row.split("|")[1]), re.findall(r"`([^`]+)`", row))
        for row in rows
    ]


def without_comment(line):
    return re.sub(r"\s+#.*$", "", line).strip()


class ReadmeCommandTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.readme = (ROOT / "README.md").read_text()
        cls.workdir = Path(
            cls.enterClassContext(
                tempfile.TemporaryDirectory(prefix="newsroom-readme-")
            )
        )
        cls.project = cls.workdir / "newsroom"
        shutil.copytree(ROOT, cls.project, ignore=NOT_COPIED, symlinks=True)
        (cls.project / ".venv").symlink_to(sys.prefix)
        (cls.workdir / "home").mkdir()

    def clean_env(self, **extra):
        return {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.workdir / "home"),
            "LANG": "C.UTF-8",
            **extra,
        }

    def as_written(self, line):
        return (
            line.replace("=...", f"={SECRET}")
            .replace("/tmp/", f"{self.workdir}/")
            .replace("/srv/newsroom", str(self.project))
            .replace("--comments 100000", "--comments 200")
        )

    def run_shell(self, script, *, cron=False, env=None):
        command = ["/bin/sh", "-c", script] if cron else ["bash", "-e", "-c", script]
        if env is None:
            env = self.clean_env(SHELL="/bin/sh") if cron else self.clean_env()
        result = subprocess.run(
            command,
            cwd=self.workdir / "home" if cron else self.project,
            env=env,
            input=f"{PASSWORD}\n{PASSWORD}\n",
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            start_new_session=True,  # no terminal: getpass reads stdin
        )
        assert result.returncode == 0, f"{script}\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr, result.stderr
        return result

    def start(self, command, env, cwd=None):
        """A long-running process in its own group, its output in a file."""
        log_path = self.workdir / f"server-{len(os.listdir(self.workdir))}.log"
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                command,
                cwd=cwd or self.project,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return process, log_path

    def serve_and_stop(self, line, expect, host="127.0.0.1"):
        """Start a server the README starts, see it (and its worker) answer,
        then stop it."""
        port = free_port()
        script = f"{without_comment(line)} HOST=127.0.0.1:{port} WORKERS=1"
        server, log_path = self.start(["bash", "-c", script], self.clean_env())
        try:
            answer = wait_for(f"http://127.0.0.1:{port}/healthz", host, server)
            wait_for_line(log_path, "Starting worker", server)
        finally:
            stop(server)
        output = log_path.read_text()
        assert answer == expect, output
        assert "Traceback" not in output, output

    def run_long_running(self, line):
        command = without_comment(line)
        if command.endswith("make run"):
            self.serve_and_stop(line, (200, None))
        elif "ALLOWED_HOSTS=news.example" in command:
            # HTTPS is on in production: plain HTTP is sent to https://.
            self.serve_and_stop(
                self.as_written(line),
                (301, "https://news.example/healthz"),
                host="news.example",
            )
        elif command.endswith("make serve"):
            self.serve_and_stop(self.as_written(line), (200, None))
        else:
            dry_run = command.replace("make ", "make -n ", 1)
            self.run_shell(dry_run)
            if dry_run.endswith("bench"):
                self.run_shell(".venv/bin/python -m bench.run --help")

    def test_every_command_of_the_readme_works_in_a_clean_shell(self):
        shutil.copy(
            ROOT / "tests/wordpress/data/site.xml",
            self.project / "steppe-times.wordpress.2024-05-06.xml",
        )
        blocks = readme_blocks(self.readme)
        commands = [line for _, lines in blocks for line in lines]
        assert commands[0].startswith("make run"), "the README starts with make run"
        self.run_long_running(commands[0])
        assert (self.project / ".env").exists()
        cron_lines = []
        for language, lines in blocks:
            if language == "cron":
                cron_lines += [line for line in lines if not line.startswith("#")]
            elif language == "sh" and any(map(LONG_RUNNING.search, lines)):
                assert all(map(LONG_RUNNING.search, lines)), lines
                for line in lines[1:] if lines[0] == commands[0] else lines:
                    self.run_long_running(line)
            elif language == "sh" and "systemctl" in "\n".join(lines):
                self.run_units(re.findall(r"deploy/[\w-]+\.service", "\n".join(lines)))
            elif language == "sh":
                self.run_shell(self.as_written("\n".join(lines)))
        for names, spans in table_code(readme_section(self.readme, "Commands")):
            cron_lines += [span for span in spans if CRON_LINE.match(span)]
            self.check_table_row(names, commands)
        assert len(cron_lines) >= 2
        for line in cron_lines:
            self.run_shell(self.as_written(CRON_LINE.match(line)[1]), cron=True)

    def run_units(self, names):
        """Each systemd unit's commands as systemd runs them: from its
        WorkingDirectory, with only its Environment and a bare PATH. The
        ExecStartPre ones to the end, ExecStart started and stopped."""
        assert names, "the systemd block names its units"
        for name in names:
            unit = parse_unit(self.as_written((self.project / name).read_text()))
            env = {
                "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                **dict(line.split("=", 1) for line in unit.get("Environment", [])),
            }
            for command in unit.get("ExecStartPre", []):
                self.run_shell(command, env=env)
            [command] = unit["ExecStart"]
            port = free_port()
            command = command.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
            process, log_path = self.start(command.split(), env, cwd=unit["cwd"])
            try:
                if "gunicorn" in command:
                    status, _ = wait_for(
                        f"http://127.0.0.1:{port}/healthz", "127.0.0.1", process
                    )
                    assert status in {200, 301}  # HTTPS is on: plain HTTP redirects
                else:
                    wait_for_line(log_path, "Starting worker", process)
            finally:
                stop(process)
            assert "Traceback" not in log_path.read_text(), log_path.read_text()

    def check_table_row(self, names, commands):
        """Each `manage.py` command of the table answers --help; `make`
        targets are the ones the blocks above ran."""
        if names[0].startswith("make "):
            assert any(names[0] in command for command in commands), names
            return
        for name in names:
            command = name.removeprefix("manage.py ").split()[0]
            self.run_shell(f".venv/bin/python manage.py {command} --help")


def wait_for(url, host, server):
    """The first answer of the server: its status and where it redirects."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Host": host})
    deadline = time.monotonic() + SERVER_TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped"
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.headers.get("Location")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location")
        except OSError:  # not listening yet, or its workers still booting
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {SERVER_TIMEOUT} s")


def wait_for_line(log_path, text, process):
    deadline = time.monotonic() + SERVER_TIMEOUT
    while text not in log_path.read_text():
        assert process.poll() is None, log_path.read_text()
        assert time.monotonic() < deadline, f"no {text!r} within {SERVER_TIMEOUT} s"
        time.sleep(0.2)


def parse_unit(text):
    """A systemd unit's settings: name -> every value given, plus its cwd."""
    unit = {}
    for line in text.splitlines():
        name, _, value = line.partition("=")
        if value and not line.startswith("#"):
            unit.setdefault(name, []).append(value)
    unit["cwd"] = unit["WorkingDirectory"][0]
    return unit


def stop(server):
    """SIGTERM to the server's process group, SIGKILL if it lingers."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        with suppress(ProcessLookupError):
            os.killpg(server.pid, signum)
        with suppress(subprocess.TimeoutExpired):
            server.wait(timeout=30)
            return


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
