"""`make bench-captcha`: the CAPTCHA attacked as a bot would, one table.

Tesseract (Debian's tesseract-ocr, installed if missing) on fresh pictures,
as served and cleaned up; a classifier trained on labelled pictures;
byte-for-byte and nearest-match lookups of the audio; the time the page's
script takes to solve the proof of work in Chromium (as is, and with the CPU
slowed 4x, like a phone); and what the budgets then let one address post
in an hour. Nothing is served but the script's own page, on 127.0.0.1.
Writes bench/results-captcha.md.
"""

import argparse
import http.server
import os
import secrets
import statistics
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import django

from bench.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("results-captcha.md")
CHROMIUM = Path("/usr/bin/chromium")
PAGE = (
    b'<!DOCTYPE html><title>proof of work</title><script src="/comments.js"></script>'
)


def arguments(argv):
    parser = argparse.ArgumentParser(prog="make bench-captcha", description=__doc__)
    add = parser.add_argument
    add("--pictures", type=int, default=300, help="fresh pictures for OCR (300)")
    add("--train", type=int, default=3000, help="labelled pictures to learn (3,000)")
    add("--sounds", type=int, default=300, help="fresh sounds to look up (300)")
    add("--puzzles", type=int, default=20, help="puzzles solved in Chromium (20)")
    return parser.parse_args(argv)


@contextmanager
def script_page(port):
    """The page's script on 127.0.0.1 (Web Crypto needs a secure origin)."""
    script = (ROOT / "comments/static/comments/comments.js").read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body, kind = (
                (script, "text/javascript")
                if "js" in self.path
                else (PAGE, "text/html")
            )
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def proof_times(count):
    """Median milliseconds for Chromium to solve a puzzle: as is, and 4x slower."""
    from playwright.sync_api import sync_playwright

    from comments.proof_of_work import puzzle

    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
    ]
    with script_page(free_port()) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        page = browser.new_page()
        page.goto(url)
        timings = []
        for rate in (1, 4):
            page.context.new_cdp_session(page).send(
                "Emulation.setCPUThrottlingRate", {"rate": rate}
            )
            solve = (
                "async (p) => { const t = performance.now(); "
                "await solvePuzzle(p); return performance.now() - t; }"
            )
            timings.append(
                statistics.median(
                    page.evaluate(solve, puzzle(secrets.token_hex(20)))
                    for _ in range(count)
                )
            )
        browser.close()
    return timings


def bot_proof_ms(count):
    """Median milliseconds for a bot's Python (hashlib) to solve a puzzle."""
    from altcha import solve_challenge_v1

    from comments.proof_of_work import puzzle

    times = []
    for _ in range(count):
        task = puzzle(secrets.token_hex(20))
        start = time.perf_counter()
        solve_challenge_v1(
            task["challenge"], task["salt"], "SHA-256", task["maxNumber"]
        )
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def posts_per_hour(rate, settings):
    """Accepted posts an hour from one address solving a share `rate` of sums.

    Every post spends the posts budget (with the proof of work; without it,
    the tighter one), and every wrong answer the wrong-answers budget.
    """
    hour = 3600
    posts = settings.COMMENTS_POST_LIMIT * hour / settings.COMMENTS_POST_WINDOW
    plain = (
        settings.COMMENTS_PLAIN_POST_LIMIT * hour / settings.COMMENTS_PLAIN_POST_WINDOW
    )
    wrong = (
        settings.COMMENTS_WRONG_ANSWER_LIMIT
        * hour
        / settings.COMMENTS_WRONG_ANSWER_WINDOW
    )
    attempts = min(posts + plain, wrong / (1 - rate) if rate < 1 else float("inf"))
    flood = (
        hour / settings.COMMENTS_FLOOD_SECONDS
        if settings.COMMENTS_FLOOD_SECONDS
        else float("inf")
    )
    return min(attempts * rate, flood)


def answer_odds():
    """How often the likeliest answer is right (a blind guess), and how often
    a random sum's answer is (a lookup that picks a recording at random: the
    sum over answers of p squared)."""
    from comments.captcha import SUMS

    odds = [n / len(SUMS) for n in Counter(a + b for a, b in SUMS).values()]
    return max(odds), sum(p * p for p in odds)


def table(figures, settings):
    blind, chance = answer_odds()
    best = max(figures["classifier"], figures["tesseract_cleaned"], blind)
    chromium, phone = figures["proof_ms"]
    bot_cpu = figures["bot_ms"] * posts_per_hour(1, settings) / 1000
    rows = [
        ("tesseract on fresh pictures, as served", figures["tesseract"], "<= 5 %"),
        (
            "tesseract on fresh pictures, cleaned (grey, 2x, median, threshold)",
            figures["tesseract_cleaned"],
            "<= 5 %",
        ),
        ("audio, byte-for-byte lookup", figures["audio_exact"], "<= 5 %"),
        (
            "audio, nearest-match lookup (spectrogram)",
            figures["audio_nearest"],
            "<= 5 %",
        ),
        (
            f"classifier trained on {figures['train']:,} labelled pictures "
            "(extra trees)",
            figures["classifier"],
            "reported",
        ),
        ("a blind guess (the likeliest answer)", blind, "floor"),
        ("a lookup that picks a recording at random", chance, "chance"),
    ]
    lines = [
        "| attack | solved | target |",
        "|---|---:|---|",
        *(f"| {name} | {rate:.1%} | {target} |" for name, rate, target in rows),
        "",
        f"| proof of work (max number {settings.COMMENTS_POW_MAX_NUMBER:,}) "
        "| median ms |",
        "|---|---:|",
        f"| Chromium (Web Crypto) | {chromium:,.0f} |",
        f"| Chromium, CPU slowed 4x (a phone) | {phone:,.0f} |",
        f"| a bot in Python (hashlib) | {figures['bot_ms']:,.0f} |",
        "",
        f"Posts one address gets through in an hour, solving {best:.1%} of the sums "
        f"(the best attack above): **{posts_per_hour(best, settings):.1f}** "
        f"(budgets: {settings.COMMENTS_POST_LIMIT} posts with the proof of work and "
        f"{settings.COMMENTS_PLAIN_POST_LIMIT} without per "
        f"{settings.COMMENTS_POST_WINDOW // 60} minutes, "
        f"{settings.COMMENTS_WRONG_ANSWER_LIMIT} wrong answers per "
        f"{settings.COMMENTS_WRONG_ANSWER_WINDOW // 60} minutes); the proof of work "
        f"costs that bot {bot_cpu:.1f} s of CPU an hour at most: it prices a farm "
        "of addresses, not one.",
    ]
    return "\n".join(lines)


def main(argv=None):
    options = arguments(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("HTTPS", "0")
    django.setup()
    from django.conf import settings

    from . import captcha_attacks as attacks

    attacks.ensure_tesseract()
    figures = {"train": options.train}
    print("tesseract ...", flush=True)
    figures["tesseract"], figures["tesseract_cleaned"] = attacks.tesseract_rates(
        options.pictures
    )
    print("audio ...", flush=True)
    figures["audio_exact"], figures["audio_nearest"] = attacks.audio_rates(
        options.sounds
    )
    print("classifier ...", flush=True)
    figures["classifier"] = attacks.classifier_rate(options.train, options.pictures)
    print("proof of work ...", flush=True)
    figures["proof_ms"] = proof_times(options.puzzles)
    figures["bot_ms"] = bot_proof_ms(options.puzzles)
    report = table(figures, settings)
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    RESULTS.write_text(f"# CAPTCHA under attack ({stamp})\n\n{report}\n")
    print(report)


if __name__ == "__main__":
    main()
