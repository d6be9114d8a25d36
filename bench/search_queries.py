"""The search query set (tests/portal/search_queries.py): pass rate and timings, every cache off.

    python bench/search_queries.py            # the demo data: does each query find what it must?
    python bench/search_queries.py --scale    # 100,000 doctors and 20,000 packages: timings only
    DATABASE_URL=postgres://... python bench/search_queries.py [--scale]

Each query goes through the whole Django stack in this process (test client, middleware, view,
template) with the page cache off (`DJANGO_CACHE=dummy`), as the first visitor to ask it would. The
search's in-memory lexicon stays warm after the first query, as it does in a running server; the
first query's time (lexicon read from the database) is shown on its own. Figures: the median of
`--runs` requests per query, and the number of SQL queries it ran.

Databases: SQLite files in var/ (`bench-search.sqlite3` for the demo data, `bench.sqlite3` for the
scale data that `make bench` also uses), or DATABASE_URL (which must hold the demo data, or the scale
data with --scale; it is seeded if it holds fewer doctors).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", action="store_true", help="100,000 doctors and 20,000 packages")
    parser.add_argument("--runs", type=int, default=5, help="requests per query (the median is shown)")
    return parser.parse_args()


def configure(scale: bool) -> None:
    name = "bench.sqlite3" if scale else "bench-search.sqlite3"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / name}")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    os.environ.setdefault("GRIEVANCE_OFFICER_NAME", "Benchmark Grievance Officer")
    os.environ.setdefault("GRIEVANCE_OFFICER_EMAIL", "grievance@example.in")
    os.environ.update(
        {"DJANGO_DEBUG": "0", "DJANGO_HTTPS": "0", "DJANGO_CACHE": "dummy", "DJANGO_LOG_LEVEL": "WARNING"}
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def prepare(scale: bool) -> None:
    from django.core.management import call_command
    from django.db import connection

    from directory.models import Gynecologist

    call_command("migrate", "--noinput", verbosity=0)
    doctors, packages = (100_000, 20_000) if scale else (300, 200)
    if Gynecologist.objects.count() < doctors:
        print(f"seeding {doctors:,} doctors and {packages:,} packages (once; reused later)")
        call_command("seed_demo", "--doctors", str(doctors), "--packages", str(packages), verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def measure(case, runs: int, client) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/search/", {"q": case.query})
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get("/search/", {"q": case.query})
    return {"ms": statistics.median(timings), "queries": len(queries), "html": response.content.decode()}


def report(rows: list[tuple], scale: bool, first_ms: float) -> None:
    from django.db import connection

    width = max(len(case.query) for case, _, _ in rows)
    print(f"\n{'query':<{width}}  {'result':<6}  {'ms':>7}  queries")
    for case, figures, wrong in rows:
        verdict = "-" if scale else ("pass" if not wrong else "FAIL")
        print(f"{case.query:<{width}}  {verdict:<6}  {figures['ms']:7.1f}  {figures['queries']:>7}")
        for problem in wrong if not scale else ():
            print(f"{'':<{width}}    {problem}")
    times = sorted(figures["ms"] for _, figures, _ in rows)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"\n{connection.vendor}, {'scale data' if scale else 'demo data'}: {len(rows)} queries")
    if not scale:
        passed = sum(not wrong for _, _, wrong in rows)
        print(f"passed {passed}/{len(rows)} ({100 * passed / len(rows):.0f}%)")
    print(
        f"uncached time per query: median {statistics.median(times):.1f} ms, 95th percentile {p95:.1f} ms, "
        f"slowest {times[-1]:.1f} ms; first query (lexicon read) {first_ms:.1f} ms"
    )


def main() -> int:
    args = parse_args()
    configure(args.scale)
    prepare(args.scale)
    from django.test import Client

    from directory import lexicon
    from tests.portal.search_queries import CASES, problems

    client = Client(HTTP_HOST="127.0.0.1")
    lexicon.forget()
    started = time.perf_counter()
    client.get("/search/", {"q": CASES[0].query})
    first_ms = (time.perf_counter() - started) * 1000
    rows = []
    for case in CASES:
        figures = measure(case, args.runs, client)
        rows.append((case, figures, problems(case, figures.pop("html"))))
    report(rows, args.scale, first_ms)
    return 0 if args.scale or all(not wrong for _, _, wrong in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
