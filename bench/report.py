"""The results table: printed, and written to bench/results.md."""

import os
import platform
import sqlite3
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection

RESULTS = Path(__file__).with_name("results.md")


@dataclass(frozen=True)
class Row:
    name: str
    load: object  # load.Load
    queries: str = "n/a"  # SQL per request; for pages "first view / cached"
    writes: str = "n/a"  # INSERT/UPDATE/DELETE per request; rows changed under load
    read_only: bool | None = None  # no write per view, no change under load
    errors: int | None = None  # when not every non-2xx/3xx answer is a failure

    @property
    def failures(self):
        return self.load.failed if self.errors is None else self.errors


@dataclass
class Results:
    setup: dict  # what ran where: label -> value
    rows: list = field(default_factory=list)
    sections: list = field(default_factory=list)  # (title, markdown lines)
    targets: list = field(default_factory=list)  # (target, measured, met)

    def markdown(self):
        lines = ["# Benchmark results", ""]
        lines += [f"- **{label}**: {value}" for label, value in self.setup.items()]
        lines += ["", *self.table(), ""]
        for title, body in self.sections:
            lines += [f"## {title}", "", *body, ""]
        lines += ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
        lines += [
            f"| {target} | {measured} | {'yes' if met else '**no**'} |"
            for target, measured, met in self.targets
        ]
        return "\n".join(lines) + "\n"

    def table(self):
        bare = self.rows[0].load.rps
        columns = [
            "request", "req/s", "p50 ms", "p99 ms", "vs bare view",
            "SQL per request", "writes per request", "errors", "bytes",
        ]  # fmt: skip
        lines = [
            "| " + " | ".join(columns) + " |",
            "|---|---:|---:|---:|---:|---|---|---:|---:|",
        ]
        for row in self.rows:
            load = row.load
            lines.append(
                f"| {row.name} | {load.rps:,.0f} | {load.p50_ms:.1f} | "
                f"{load.p99_ms:.1f} | {load.rps / bare:.2f}x | {row.queries} | "
                f"{row.writes} | {row.failures} | {load.bytes_per_response:,} |"
            )
        return lines

    def write(self):
        """Print the results, and keep them: results.md for SQLite."""
        text = self.markdown()
        path = RESULTS
        if connection.vendor != "sqlite":
            path = RESULTS.with_name(f"results-{connection.vendor}.md")
        path.write_text(text)
        print(text)


def machine():
    """CPU, cores, memory, and the versions that matter, for the results."""
    cpu = next(
        line.split(":", 1)[1].strip()
        for line in Path("/proc/cpuinfo").read_text().splitlines()
        if line.startswith("model name")
    )
    kib = int(Path("/proc/meminfo").read_text().split()[1])
    database = f"SQLite {sqlite3.sqlite_version}"
    if connection.vendor == "postgresql":
        version = connection.pg_version
        database = f"PostgreSQL {version // 10000}.{version % 10000}"
    return (
        f"{cpu}, {os.cpu_count()} cores, {kib / 2**20:.0f} GiB RAM; "
        f"Python {platform.python_version()}, {database}, {wrk_version()}"
    )


def wrk_version():
    output = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return " ".join(output.stdout.split()[:2])


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def now():
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
