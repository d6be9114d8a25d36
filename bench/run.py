"""Benchmark the portal's pages against its own /healthz, on a scale database.

    make bench                       # SQLite + local-memory cache
    DATABASE_URL=postgres://... REDIS_URL=redis://... make bench
    DJANGO_CACHE=dummy make bench    # every cache off: the first visitor's view

Builds (or reuses) a database with 100,000 doctors and 20,000 packages, starts gunicorn with debug
off on 127.0.0.1, drives each page with wrk in rounds (each a /healthz run, then the page's) and
prints one table of medians: requests/s, the ratio to the /healthz run just before, p50/p99 latency;
with queries per request (cold and warm cache) and gzip-compressed HTML size. Results are also written to bench/results/<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from bench.pages import Page

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
SCALE_DOCTORS = 100_000
SCALE_PACKAGES = 20_000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "4")))
    parser.add_argument(
        "--rounds",
        type=int,
        default=int(os.environ.get("BENCH_ROUNDS", "3")),
        help="rounds per page, each a /healthz run and then the page's; a row shows the medians",
    )
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", "2")))
    parser.add_argument("--doctors", type=int, default=SCALE_DOCTORS)
    parser.add_argument("--packages", type=int, default=SCALE_PACKAGES)
    parser.add_argument("--only", help="comma-separated page names to run (healthz always runs)")
    return parser.parse_args()


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    env.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    env.setdefault("GRIEVANCE_OFFICER_NAME", "Benchmark Grievance Officer")
    env.setdefault("GRIEVANCE_OFFICER_EMAIL", "grievance@example.in")
    env["DJANGO_DEBUG"] = "0"
    env["DJANGO_HTTPS"] = "0"
    env["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    env.setdefault("DJANGO_SERVE_MEDIA", "1")  # one machine, no web server in front: images from Django
    env.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    return env


def manage(env, *args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_database(env, doctors, packages):
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    out = subprocess.run(
        [
            PY,
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            "from directory.models import Gynecologist, MaternityPackage; "
            "print(Gynecologist.objects.count(), MaternityPackage.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    have_doctors, have_packages = int(out[0]), int(out[1])
    if have_doctors >= doctors and have_packages >= packages:
        print(f"reusing scale database: {have_doctors:,} doctors, {have_packages:,} packages")
        refresh_statistics(env)
        return
    print(f"building scale database: {doctors:,} doctors, {packages:,} packages (once; reused later)")
    started = time.monotonic()
    manage(env, "seed_demo", "--doctors", str(doctors), "--packages", str(packages))
    refresh_statistics(env)
    print(f"built in {time.monotonic() - started:.0f} s")


def manage_output(env, code: str) -> str:
    """The last line a `manage.py shell -c` snippet prints."""
    out = subprocess.run(
        [PY, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.strip().splitlines()[-1]


def prepare_demo_site(env) -> None:
    """Migrate, load the demo data and collect static files for a production-shaped server."""
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["seed_demo"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)


def refresh_statistics(env) -> None:
    """Fresh planner statistics (indexes may have been added since the data was loaded); on PostgreSQL
    also VACUUM, which after a bulk load is what lets index-only scans skip the table."""
    manage(
        env,
        "shell",
        "-v",
        "0",
        "-c",
        "from django.db import connection\n"
        "connection.cursor().execute('VACUUM ANALYZE' if connection.vendor == 'postgresql' else 'ANALYZE')",
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env, port, workers):
    proc = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            # Sync workers, one request at a time each, as issue 18 measures. gunicorn.conf.py's
            # `threads = 8` would otherwise turn them into gthread workers (gunicorn does so whenever
            # threads > 1), which keep wrk's connections alive: one worker could hold all eight and
            # serve a whole run alone while the other idled.
            "--worker-class",
            "sync",
            "--threads",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def stop(proc):
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url, seconds, connections, threads) -> dict:
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "socket_errors": errors,
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
    }


def load_pages(env: dict[str, str], only: str | None) -> list[Page]:
    """The pages to drive (healthz always among them), resolved by Django in this process with the
    server's settings; importing bench.pages sets Django up, so it happens only here."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    sys.path.insert(0, str(ROOT))
    from bench import pages

    page_list = pages.bench_pages()
    if only:
        wanted = set(only.split(","))
        page_list = [p for p in page_list if p.name in wanted or p.name == "healthz"]
    return page_list


def probe_pages(page_list: list[Page]) -> dict[str, dict]:
    """Each page's queries per request (cold and warm cache) and HTML size, keyed by page name."""
    from bench import pages

    return {p.name: pages.probe(p) for p in page_list}


# Between two wrk runs: the workers finish the requests wrk abandoned when it stopped (a slow page's
# queue), so they do not count against the next run.
SETTLE_SECONDS = 1.0


def drive_pages(
    env: dict[str, str], page_list: list[Page], probes: dict[str, dict], args: argparse.Namespace
) -> list[dict]:
    """Start gunicorn, warm each page's cache with one request, then drive it with wrk in rounds: each
    round runs /healthz and then the page, back to back, and the round's ratio is the page's requests/s
    over that /healthz run's. This shared machine's speed drifts by more than the differences measured
    here, so a ratio compares only runs made under the same conditions, and a row shows the medians of
    its rounds (ratio, requests/s, p50, p99). One result per page, printed as it completes."""
    port = free_port()
    server = start_gunicorn(env, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    healthz = next(p for p in page_list if p.name == "healthz")
    healthz_runs = []
    results = []
    try:
        for page in page_list:
            subprocess.run(["curl", "-s", "-o", "/dev/null", base + page.path], check=False)  # warm the cache
        for page in page_list:
            if page is healthz:
                continue
            rounds = []
            for _ in range(args.rounds):
                reference = run_wrk(base + healthz.path, args.seconds, args.connections, args.threads)
                time.sleep(SETTLE_SECONDS)
                figures = run_wrk(base + page.path, args.seconds, args.connections, args.threads)
                time.sleep(SETTLE_SECONDS)
                healthz_runs.append(reference)
                rounds.append({**figures, "ratio": figures["rps"] / reference["rps"]})
            row = summarise(rounds)
            results.append({"page": page.name, "path": page.path, **row, **probes[page.name]})
            each = ", ".join(f"{ratio:.3f}" for ratio in row["round_ratios"])
            print(
                f"  {page.name:<18} {row['rps']:>9.1f} req/s, {row['ratio']:.3f}x /healthz ({each})",
                flush=True,
            )
    finally:
        stop(server)
    results.insert(
        0, {"page": "healthz", "path": healthz.path, **summarise(healthz_runs), **probes["healthz"]}
    )
    return results


def summarise(rounds: list[dict]) -> dict:
    """The medians of the rounds' figures, each round's ratio (1 for /healthz's own runs) and the
    errors of all of them."""
    row = {key: statistics.median(r[key] for r in rounds) for key in ("rps", "p50_ms", "p99_ms")}
    row["round_ratios"] = [round(r.get("ratio", 1.0), 3) for r in rounds]
    row["ratio"] = round(statistics.median(row["round_ratios"]), 3)
    row["socket_errors"] = sum(r["socket_errors"] for r in rounds)
    row["non_2xx"] = sum(r["non_2xx"] for r in rounds)
    return row


def backend_and_cache(env: dict[str, str]) -> tuple[str, str]:
    """The database and cache the run measured, as named in the table and the results file."""
    backend = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
    cache = "dummy" if env.get("DJANGO_CACHE") == "dummy" else ("redis" if env.get("REDIS_URL") else "locmem")
    return backend, cache


# Issue 18's goals, as ratios to /healthz: cached pages on one machine, cached pages on PostgreSQL + Redis,
# and searches with every cache off (DJANGO_CACHE=dummy; also p99 under 100 ms). Hindi pages alike.
GOALS = {"locmem": 0.9, "redis": 0.8, "dummy": 0.1}
DUMMY_P99_MS = 100.0


def add_goals(results: list[dict], page_list: list[Page], cache: str) -> None:
    """Each row's goal and whether it met it (None where no goal applies: /healthz itself, and pages
    other than searches when every cache is off)."""
    searches = {p.name for p in page_list if p.search}
    for r in results:
        applies = r["page"] != "healthz" and (cache != "dummy" or r["page"] in searches)
        r["goal"] = GOALS[cache] if applies else None
        met = r["ratio"] >= GOALS[cache] and r["socket_errors"] + r["non_2xx"] == 0
        if cache == "dummy":
            met = met and r["p99_ms"] < DUMMY_P99_MS
        r["met"] = met if applies else None


def print_table(results: list[dict], args: argparse.Namespace, backend: str, cache: str) -> None:
    """The run's setup in one line, then one row of figures per page, and how many rows met their goal."""
    header = f"{'page':<19} {'req/s':>9} {'ratio':>6} {'goal':>6} {'p50 ms':>7} {'p99 ms':>7} {'q cold':>6} {'q warm':>6} {'gz KB':>6} {'errors':>6}"
    print(
        f"\nNine Months bench: {backend} + {cache} cache, {args.workers} gunicorn workers, "
        f"wrk {args.threads}t/{args.connections}c, {args.rounds} rounds of {args.seconds}s per page, "
        "each after a /healthz run; medians"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        goal = "-" if r["goal"] is None else (f"{r['goal']:.1f}" + (" ok" if r["met"] else " NO"))
        print(
            f"{r['page']:<19} {r['rps']:>9.1f} {r['ratio']:>6.3f} {goal:>6} {r['p50_ms']:>7.2f} {r['p99_ms']:>7.2f} "
            f"{r['queries_cold']:>6} {r['queries_warm']:>6} {r['gzip_bytes'] / 1024:>6.1f} "
            f"{r['socket_errors'] + r['non_2xx']:>6}"
        )
    judged = [r for r in results if r["goal"] is not None]
    missed = [r["page"] for r in judged if not r["met"]]
    print(
        f"\n{len(judged) - len(missed)} of {len(judged)} rows met their goal"
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )


def write_results(results: list[dict], args: argparse.Namespace, backend: str, cache: str) -> Path:
    """bench/results/<local time>-<database>-<cache>.json; the local time is the site's TIME_ZONE
    (Django is set up by then)."""
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    out = out_dir / f"{stamp}-{backend}-{cache}.json"
    out.write_text(
        json.dumps(
            {
                "when": stamp,
                "database": backend,
                "cache": cache,
                "workers": args.workers,
                "seconds": args.seconds,
                "rounds": args.rounds,
                "connections": args.connections,
                "results": results,
            },
            indent=2,
        )
    )
    return out


def main() -> None:
    """Prepare the database, measure each page's queries in-process, drive it over HTTP, report."""
    args = parse_args()
    env = bench_env()
    prepare_database(env, args.doctors, args.packages)
    page_list = load_pages(env, args.only)
    probes = probe_pages(page_list)
    results = drive_pages(env, page_list, probes, args)
    backend, cache = backend_and_cache(env)
    add_goals(results, page_list, cache)
    print_table(results, args, backend, cache)
    out = write_results(results, args, backend, cache)
    print(f"\nwritten {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
