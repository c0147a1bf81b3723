"""Speed and memory of import_wxr and import_disqus on generated 100,000-comment files.

    .venv/bin/python -m bench.imports [--comments 100000] [--folder /tmp]

Generates both files (bench/wxr_generate.py, bench/disqus_generate.py) in a
temporary folder, migrates a fresh SQLite database there, then runs, each in
a process of its own: the WordPress import, the same file again, the Disqus
import onto the articles it made, and the same file again. Prints wall clock,
comments per second and the peak memory (max RSS) of each import process,
and its CPU time: on a machine busy with other work, comments per CPU second
is the figure that does not depend on the neighbours.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import disqus_generate, wxr_generate

ROOT = Path(__file__).resolve().parents[1]


def run(command, env):
    """Wall-clock seconds, CPU seconds and peak RSS (MB) of one manage.py command."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(command)} failed")
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, cpu, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--folder", default=None, help="where the files go")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        folder = Path(folder)
        wxr, dsq = folder / "wxr.xml", folder / "disqus.xml"
        with wxr.open("w", encoding="utf-8") as out:
            wxr_generate.generate(out, args.comments, 100)
        with dsq.open("w", encoding="utf-8") as out:
            disqus_generate.generate(out, args.comments, 100)
        env = {
            **os.environ,
            "SECRET_KEY": "bench",
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        }
        run(["migrate", "--verbosity", "0"], env)
        print(f"{args.comments:,} comments; SQLite; one process per import\n")
        print(
            "| run | wall clock | comments per second | CPU time "
            "| comments per CPU second | peak memory (max RSS) |"
        )
        print("|---|---|---|---|---|---|")
        for label, command in [
            ("import_wxr, first import", ["import_wxr", wxr]),
            ("import_wxr, same file again", ["import_wxr", wxr]),
            ("import_disqus, first import", ["import_disqus", dsq]),
            ("import_disqus, same file again", ["import_disqus", dsq]),
        ]:
            seconds, cpu, megabytes = run([str(part) for part in command], env)
            print(
                f"| {label} | {seconds:.1f} s | {args.comments / seconds:,.0f} "
                f"| {cpu:.1f} s | {args.comments / cpu:,.0f} | {megabytes:.0f} MB |"
            )


if __name__ == "__main__":
    main()
