"""Check that every source cited in an article still answers, and record the result on each Source.

    python manage.py check_sources [--concurrency 8] [--timeout 15] [--time-limit 300]
                                   [--max-redirects 5] [--max-bytes 5242880] [--allow-private]

Each distinct address is fetched once (articles.linkcheck: a GET, redirects followed up to the
limit, at most --max-bytes read, never longer than --timeout seconds), at most --concurrency at a
time, and the whole run stops starting new checks at --time-limit. Every Source with that address gets
`link_status` (working, broken, or refused the check), `link_problem` and `link_checked`; addresses
left unchecked when time ran out keep their previous result. The article admin lists articles with a
broken source. Run it daily from cron; it writes nothing but those three fields.
"""

import argparse
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from concurrent.futures import TimeoutError as FuturesTimeout

from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.linkcheck import Limits, LinkResult, check_url
from articles.models import LinkStatus, Source

GRACE_SECONDS = 5  # beyond --time-limit, for checks already running to notice their deadline


def _positive(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from exc
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
        return value

    return parse


class Command(BaseCommand):
    help = "Check every article source's address (bounded in time and size) and record the result."

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=_positive(int), default=8, help="checks at once (8)")
        parser.add_argument("--timeout", type=_positive(float), default=15.0, help="seconds per address (15)")
        parser.add_argument(
            "--time-limit", type=_positive(float), default=300.0, help="seconds for the whole run (300)"
        )
        parser.add_argument("--max-redirects", type=int, default=5, help="redirects followed (5)")
        parser.add_argument(
            "--max-bytes", type=_positive(int), default=5 * 1024 * 1024, help="largest page read (5 MB)"
        )
        parser.add_argument(
            "--allow-private",
            action="store_true",
            help="also check addresses on private and loopback networks (an intranet mirror; tests)",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        limits = Limits(
            timeout=options["timeout"],
            max_redirects=max(options["max_redirects"], 0),
            max_bytes=options["max_bytes"],
            allow_private=options["allow_private"],
        )
        users = self._sources_by_url()
        deadline = started + options["time_limit"]
        results = self._check_all(list(users), limits, deadline, options["concurrency"])
        for result in results:
            self._record(result)
        self._report(results, users, time.monotonic() - started)

    def _sources_by_url(self) -> dict[str, list[str]]:
        """Each distinct address, with the titles of the articles citing it."""
        users: dict[str, list[str]] = defaultdict(list)
        for url, title in Source.objects.order_by("url", "article__title").values_list(
            "url", "article__title"
        ):
            users[url].append(title)
        return users

    def _check_all(self, urls, limits, deadline, concurrency) -> list[LinkResult]:
        def check(url):
            if time.monotonic() >= deadline:
                return None  # time is up before this one started: leave its last result
            return check_url(url, limits, deadline)

        results = []
        pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="check_sources")
        futures = [pool.submit(check, url) for url in urls]
        try:
            for future in as_completed(futures, timeout=max(deadline - time.monotonic(), 0) + GRACE_SECONDS):
                result = future.result()
                if result is not None:
                    results.append(result)
        except FuturesTimeout:
            self.stderr.write("Some checks did not finish in time; their last results are kept.")
        pool.shutdown(wait=False, cancel_futures=True)
        return results

    def _record(self, result: LinkResult) -> None:
        Source.objects.filter(url=result.url).update(
            link_status=LinkStatus(result.status),
            link_problem=result.problem[: Source._meta.get_field("link_problem").max_length],
            link_checked=timezone.now(),
        )

    def _report(self, results, users, seconds):
        counts = {status: sum(1 for r in results if r.status == status) for status in LinkStatus}
        for result in sorted(results, key=lambda r: r.url):
            if result.status != LinkStatus.OK:
                label = LinkStatus(result.status).label.upper()
                cited = "; ".join(users[result.url])
                self.stdout.write(f"{label}: {result.url}: {result.problem} (cited in: {cited})")
        unchecked = len(users) - len(results)
        self.stdout.write(
            f"Checked {len(results)} of {len(users)} addresses in {seconds:.1f} s: "
            f"{counts[LinkStatus.OK]} working, {counts[LinkStatus.BROKEN]} broken, "
            f"{counts[LinkStatus.BLOCKED]} refused the check"
            + (f"; {unchecked} not checked (time limit)." if unchecked else ".")
        )
