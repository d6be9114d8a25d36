"""Profile one page served in-process, the way gunicorn's worker serves it (Django's WSGI handler with
every middleware), on the benchmark's scale database:

    .venv/bin/python bench/profile_requests.py /gynecologists/pune/            # cache hits (local memory)
    REDIS_URL=redis://127.0.0.1:6379/9 DATABASE_URL=postgres://... .venv/bin/python bench/profile_requests.py /
    DJANGO_CACHE=dummy .venv/bin/python bench/profile_requests.py '/maternity-packages/?city=pune'

Serves the page twice to fill the cache, then N times plainly and N more times under cProfile, and
prints the time per request of each and the functions that cost most (own time and cumulative).
`--without-templates` renders every template as an empty string, to measure the rest of the request.
Build the database first with `make bench`.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import bench_env  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path")
    parser.add_argument("-n", "--requests", type=int, default=500)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--dump", help="also write the profile to this file, for pstats or snakeviz")
    parser.add_argument(
        "--without-templates",
        action="store_true",
        help="render every Django template as an empty string: what the rest of the request costs",
    )
    args = parser.parse_args()

    os.environ.update(bench_env())
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.client import RequestFactory

    if args.without_templates:
        from django.template.backends.django import Template

        Template.render = lambda self, context=None, request=None: ""

    handler = WSGIHandler()
    environ = RequestFactory(SERVER_NAME="127.0.0.1").get(args.path).environ
    environ["SERVER_PORT"] = "80"

    def serve():
        response = handler(dict(environ, **{"wsgi.input": io.BytesIO()}), lambda status, headers: None)
        b"".join(response)
        response.close()

    serve()
    time.sleep(0.5)  # with Redis, the worker's version feed subscribes meanwhile (portal/pagecache.py)
    serve()
    started = time.perf_counter()
    for _ in range(args.requests):
        serve()
    plain = time.perf_counter() - started
    print(f"{args.path}: {plain / args.requests * 1000:.3f} ms a request ({args.requests} requests)")
    started = time.perf_counter()
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.requests):
        serve()
    profile.disable()
    if args.dump:
        profile.dump_stats(args.dump)
    elapsed = time.perf_counter() - started
    print(
        f"{args.path}: {elapsed / args.requests * 1000:.3f} ms a request under the profiler ({args.requests} requests)"
    )
    for order in ("tottime", "cumulative"):
        print(f"\n== by {order}")
        pstats.Stats(profile).strip_dirs().sort_stats(order).print_stats(args.top)


if __name__ == "__main__":
    main()
