"""Load with nothing lost: a mixed load on gunicorn (debug off), then a burst against the rate limit.

    make loadtest                                   # SQLite (a fresh var/loadtest.sqlite3)
    DATABASE_URL=postgres://.../portal_loadtest make loadtest   # PostgreSQL (use a scratch database)

Phase 1 drives browsing, searching, calculator posts and enquiry posts with wrk (32 connections, 60 s by
default) while the job worker sends notifications, and then checks: no 5xx, no socket errors, every
enquiry that was accepted (a redirect to its thank-you page) is in the database exactly once, and each
has its notification to the centre, sent (or failed for a centre without an email address). All of it comes from 127.0.0.1, so the enquiry
rate limit is raised for this phase.

Phase 2 starts two app servers on the same database (and Redis, if REDIS_URL is set) with the normal
limit, fires a burst of simultaneous enquiries from one fresh loopback address at both, and checks that
exactly the limit were accepted and stored, and the rest refused with 429.
"""

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import ROOT, free_port, manage_output, prepare_demo_site, start_gunicorn, stop

CSRF = secrets.token_hex(16)  # 32 characters: a valid CSRF secret, sent as cookie and form field

LUA = r"""
local gets = GETS
local calculator = CALCULATOR
local enquiry_paths = ENQUIRIES
local csrf = "CSRF"
local counts = {s2 = 0, s3 = 0, s4 = 0, s5 = 0, accepted = 0}
local refs = {}
local threads = {}

function setup(thread) table.insert(threads, thread) end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

local function form(t)
  local parts = {}
  for k, v in pairs(t) do table.insert(parts, k .. "=" .. v) end
  return table.concat(parts, "&")
end

function request()
  local r = math.random(100)
  local headers = {["Content-Type"] = "application/x-www-form-urlencoded"}
  if r <= 70 then
    return wrk.format("GET", gets[math.random(#gets)])
  elseif r <= 85 then
    return wrk.format("POST", "/due-date-calculator/", headers, calculator[math.random(#calculator)])
  else
    headers["Cookie"] = "csrftoken=" .. csrf
    local body = form({
      csrfmiddlewaretoken = csrf, patient_name = "Load+Test", consent = "on", age = "adult", website = "",
      phone = tostring(math.random(6, 9)) .. string.format("%09d", math.random(0, 999999999)),
      message = "Please+call+me+back",
    })
    return wrk.format("POST", enquiry_paths[math.random(#enquiry_paths)], headers, body)
  end
end

function response(status, headers, body)
  if status >= 500 then counts.s5 = counts.s5 + 1
  elseif status >= 400 then counts.s4 = counts.s4 + 1
  elseif status >= 300 then counts.s3 = counts.s3 + 1
  else counts.s2 = counts.s2 + 1 end
  local location = headers["Location"]
  if status == 302 and location then
    local ref = string.match(location, "/enquiries/thanks/([^/]+)/")
    if ref then
      counts.accepted = counts.accepted + 1
      table.insert(refs, ref)
      refs_text = table.concat(refs, ",")
    end
  end
  s5, s4, s3, s2, accepted = counts.s5, counts.s4, counts.s3, counts.s2, counts.accepted
end

function done(summary, latency, requests)
  local out = io.open("OUTFILE", "w")
  for _, t in ipairs(threads) do
    out:write(string.format("%d %d %d %d %d %s\n", t:get("s2") or 0, t:get("s3") or 0, t:get("s4") or 0,
      t:get("s5") or 0, t:get("accepted") or 0, t:get("refs_text") or ""))
  end
  out:close()
end
"""


def lua_list(items):
    return "{" + ", ".join(json.dumps(item) for item in items) + "}"


def django_json(env, code: str):
    return json.loads(manage_output(env, code))


TARGETS = """
import json
from django.utils import timezone
from articles.models import Article
from django.db.models import Count, Q
from directory.models import City, Gynecologist, MaternityPackage
# Doctors at exactly one listed centre: their form needs no choice of centre, so the load's posts are valid.
doctors = list(
    Gynecologist.objects.active()
    .annotate(centres=Count('hospitals', filter=Q(hospitals__is_active=True)))
    .filter(centres=1).order_by('id').values_list('slug', flat=True)[:40]
)
packages = list(MaternityPackage.objects.listed().order_by('id').values_list('slug', flat=True)[:40])
articles = [a.get_absolute_url() for a in Article.objects.published()[:12]]
cities = list(City.objects.values_list('slug', flat=True))
print(json.dumps({'doctors': doctors, 'packages': packages, 'articles': articles, 'cities': cities}))
"""


def build_requests(targets):
    gets = ["/", "/articles/", "/due-date-calculator/", "/search/?q=back+pain", "/search/?q=kothrud"]
    gets += targets["articles"]
    gets += [f"/doctors/{slug}/" for slug in targets["doctors"][:20]]
    gets += [f"/packages/{slug}/" for slug in targets["packages"][:20]]
    for city in targets["cities"]:
        gets += [
            f"/gynecologists/{city}/",
            f"/maternity-packages/{city}/",
            f"/gynecologists/?city={city}&max_fee=1000&sort=experience",
            f"/gynecologists/?city={city}&language=hindi&gender=female",
            f"/maternity-packages/?city={city}&delivery_type=caesarean&max_price=200000",
        ]
    compare = "&".join(f"p={slug}" for slug in targets["packages"][:3])
    gets.append(f"/maternity-packages/compare/?{compare}")
    calculator = [
        "method=lmp&lmp=2026-06-01&cycle_length=28",
        "method=conception&conception_date=2026-07-10",
        "method=ivf&transfer_date=2026-08-01&embryo_age=5",
        "method=ultrasound&scan_date=2026-09-15&scan_weeks=8&scan_days=2&lmp=2026-07-20",
        "method=lmp&lmp=not-a-date&cycle_length=99",  # invalid on purpose: messages, never a 500
    ]
    enquiries = [f"/doctors/{slug}/enquire/" for slug in targets["doctors"][:20]]
    enquiries += [f"/packages/{slug}/enquire/" for slug in targets["packages"][:20]]
    return gets, calculator, enquiries


def run_wrk(port, seconds, connections, gets, calculator, enquiries):
    with tempfile.TemporaryDirectory() as tmp:
        out_file = Path(tmp) / "counts.txt"
        script = Path(tmp) / "mixed.lua"
        script.write_text(
            LUA.replace("GETS", lua_list(gets))
            .replace("CALCULATOR", lua_list(calculator))
            .replace("ENQUIRIES", lua_list(enquiries))
            .replace("CSRF", CSRF)
            .replace("OUTFILE", str(out_file))
        )
        result = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}/",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 120,
            check=True,
        )
        print(result.stdout)
        totals = {"s2": 0, "s3": 0, "s4": 0, "s5": 0, "accepted": 0}
        refs = []
        for line in out_file.read_text().splitlines():
            parts = line.split(" ", 5)
            for key, value in zip(["s2", "s3", "s4", "s5", "accepted"], parts[:5], strict=True):
                totals[key] += int(value)
            if len(parts) > 5 and parts[5]:
                refs += parts[5].split(",")
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", result.stdout))
    requests = int(re.search(r"(\d+) requests in", result.stdout).group(1))
    return totals, refs, socket_errors, requests


def start_worker(env):
    """`manage.py db_worker` beside the app server."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


def drain_jobs(env) -> None:
    """Run what is still queued (jobs whose retry is not due yet stay queued)."""
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def stored(env, refs) -> dict:
    code = (
        "import json, sys\n"
        "from collections import Counter\n"
        "from directory.models import Enquiry\n"
        f"refs = {json.dumps(refs)}\n"
        "from directory.models import Notification\n"
        "found = Counter(Enquiry.objects.filter(reference__in=refs).values_list('reference', flat=True))\n"
        "owed = Notification.objects.filter(enquiry__reference__in=refs, kind='new_enquiry')\n"
        "print(json.dumps({'found': sum(found.values()), 'distinct': len(found), "
        "'duplicates': sum(1 for n in found.values() if n > 1), 'total': Enquiry.objects.count(), "
        "'notified': owed.count(), 'by_status': dict(Counter(owed.values_list('status', flat=True)))}))"
    )
    return django_json(env, code)


def burst(ports, path, attempts):
    """`attempts` enquiries from one new loopback address at the same moment, over the app servers."""
    address = f"127.{secrets.randbelow(250) + 1}.{secrets.randbelow(250) + 1}.{secrets.randbelow(250) + 1}"
    barrier = threading.Barrier(attempts)
    results = []
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": CSRF,
            "patient_name": "Burst Test",
            "phone": "9123456780",
            "consent": "on",
            "age": "adult",
            "website": "",
        }
    )

    def send(port):
        conn = HTTPConnection("127.0.0.1", port, timeout=30, source_address=(address, 0))
        barrier.wait()
        conn.request(
            "POST",
            path,
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={CSRF}"},
        )
        response = conn.getresponse()
        location = response.getheader("Location") or ""
        match = re.search(r"/enquiries/thanks/([^/]+)/", location)
        results.append((response.status, match.group(1) if match else None))
        conn.close()

    threads = [threading.Thread(target=send, args=(ports[i % len(ports)],)) for i in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def parse_args() -> argparse.Namespace:
    """The command-line options (the module docstring is the help text)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--burst", type=int, default=40)
    return parser.parse_args()


def loadtest_env() -> dict[str, str]:
    """The app servers' environment: debug off, email kept in memory, and without a DATABASE_URL a
    fresh var/loadtest.sqlite3 (any previous one is deleted)."""
    env = dict(os.environ)
    if not env.get("DATABASE_URL"):
        db = ROOT / "var" / "loadtest.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db}"
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_LOG_LEVEL": "ERROR",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )
    env.setdefault("DJANGO_SECRET_KEY", "loadtest-only-secret-key-" + "y" * 40)
    env.setdefault("GRIEVANCE_OFFICER_NAME", "Benchmark Grievance Officer")
    env.setdefault("GRIEVANCE_OFFICER_EMAIL", "grievance@example.in")
    return env


def mixed_load_failures(
    totals: dict[str, int], refs: list[str], socket_errors: int, check: dict
) -> list[str]:
    """What phase 1 got wrong: 5xx, socket errors, no enquiry at all, or accepted and stored differ."""
    failures = []
    if totals["s5"]:
        failures.append(f"{totals['s5']} responses were 5xx")
    if socket_errors:
        failures.append(f"{socket_errors} socket errors")
    if totals["accepted"] == 0:
        failures.append("no enquiry was accepted: the load did not exercise enquiries")
    if not (check["found"] == check["distinct"] == totals["accepted"] == len(set(refs))):
        failures.append("accepted enquiries and stored enquiries differ")
    if check["notified"] != check["found"]:
        failures.append("some stored enquiries have no notification for their centre")
    if set(check["by_status"]) - {"sent", "failed"}:
        failures.append(f"the worker left notifications unsent: {check['by_status']}")
    return failures


def mixed_load(
    env: dict[str, str],
    args: argparse.Namespace,
    gets: list[str],
    calculator: list[str],
    enquiries: list[str],
) -> list[str]:
    """Phase 1: wrk's mixed load on one app server with the rate limit raised; prints the counts and
    returns the failures."""
    backend = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
    port = free_port()
    server = start_gunicorn({**env, "ENQUIRY_RATE_LIMIT": "1000000"}, port, args.workers)
    worker = start_worker(env)  # sends the notifications while the load runs, as in production
    try:
        totals, refs, socket_errors, requests = run_wrk(
            port, args.seconds, args.connections, gets, calculator, enquiries
        )
    finally:
        stop(server)
        stop(worker)
    drain_jobs(env)
    check = stored(env, refs)
    print(
        f"phase 1 ({backend}): {requests} requests in {args.seconds} s at {args.connections} connections: "
        f"2xx {totals['s2']}, 3xx {totals['s3']}, 4xx {totals['s4']}, 5xx {totals['s5']}, "
        f"socket errors {socket_errors}"
    )
    print(
        f"  enquiries accepted (redirected to their thank-you page): {totals['accepted']}; "
        f"stored with those references: {check['found']} ({check['distinct']} distinct, "
        f"{check['duplicates']} duplicated)"
    )
    print(f"  their notifications to the centre, after the worker: {check['by_status']}")
    return mixed_load_failures(totals, refs, socket_errors, check)


def rate_limit_burst(env: dict[str, str], args: argparse.Namespace, path: str, limit: int = 5) -> list[str]:
    """Phase 2: a burst from one address at two app servers sharing the database (and Redis) with the
    normal limit; prints what was accepted, refused and stored, and returns the failures."""
    ports = [free_port(), free_port()]
    servers = [start_gunicorn({**env, "ENQUIRY_RATE_LIMIT": str(limit)}, p, args.workers) for p in ports]
    try:
        results = burst(ports, path, args.burst)
    finally:
        for server in servers:
            stop(server)
    accepted = [ref for status, ref in results if status == 302 and ref]
    refused = sum(1 for status, _ in results if status == 429)
    other = [status for status, ref in results if not ((status == 302 and ref) or status == 429)]
    burst_check = stored(env, accepted)
    print(
        f"phase 2: {args.burst} simultaneous enquiries from one address over 2 app servers (limit {limit}): "
        f"{len(accepted)} accepted, {refused} refused with 429, other {other or 'none'}; "
        f"{burst_check['found']} stored"
    )
    failures = []
    if len(accepted) != limit or refused != args.burst - limit or other:
        failures.append(f"the rate limit did not hold: {len(accepted)} accepted of {args.burst}")
    if burst_check["found"] != len(accepted):
        failures.append("burst: accepted and stored enquiries differ")
    return failures


def report(failures: list[str]) -> int:
    """The verdict line; the exit status (1 if anything failed)."""
    if failures:
        print("LOADTEST FAILED: " + "; ".join(failures))
        return 1
    print(
        "LOADTEST PASSED: no 5xx, no socket errors, every accepted enquiry stored exactly once, "
        "rate limit held under concurrency across app servers"
    )
    return 0


def main() -> int:
    """Prepare a demo site, run both phases, print the verdict; the exit status says whether it passed."""
    args = parse_args()
    env = loadtest_env()
    prepare_demo_site(env)
    targets = django_json(env, TARGETS)
    gets, calculator, enquiries = build_requests(targets)
    failures = mixed_load(env, args, gets, calculator, enquiries)
    failures += rate_limit_burst(env, args, enquiries[0])
    return report(failures)


if __name__ == "__main__":
    sys.exit(main())
