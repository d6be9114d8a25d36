"""Scale-out proof: two app servers sharing one PostgreSQL database and one Redis.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_scaleout REDIS_URL=redis://127.0.0.1:6379/3 make scaleout

Starts two gunicorn instances (A and B) on different ports with the same DATABASE_URL and REDIS_URL, then:
1. a reader loads an article on B (B caches the page in Redis);
2. an editor signs in to the admin on A (password and the code of the editor's authenticator app), and
   the same session cookie is accepted by B (shared sessions);
3. the editor changes the article's title through A's admin change form, as a typo fix (the editor is a
   superuser, so a medical reviewer too, whose typo fix goes live at once);
4. the reader loads the article on B again, at once and then every 5 ms: the new title is there within
   a tenth of a second (the cached page was invalidated for every app server: B serves its own copies
   of pages until Redis tells it of a new content version, which takes a few milliseconds);
5. enquiries from one address alternate between A and B: the sixth is refused (a shared rate limit);
6. sign-in attempts from one address alternate between A and B: the eleventh in a minute is refused
   (the attempts are counted in Redis, shared by both).
Prints each step and exits non-zero if any check fails.
"""

import os
import re
import secrets
import sys
import time
import urllib.parse
from html.parser import HTMLParser
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import free_port, manage_output, prepare_demo_site, start_gunicorn, stop


class FormReader(HTMLParser):
    """The named fields of the admin change form, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select = None
        self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


class Browser:
    """A tiny cookie-keeping HTTP client for one app server."""

    def __init__(self, port, cookies=None, source="127.0.0.1"):
        self.port, self.cookies, self.source = port, cookies if cookies is not None else {}, source

    def request(self, method, path, data=None):
        """`data`: a dict or a list of (name, value) pairs (repeated names, as forms send them)."""
        conn = HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.source, 0))
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response.status, response.headers, text

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data)


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class Checks:
    """Prints each check as ok or FAIL and remembers the failed ones."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def __call__(self, ok: bool, message: str) -> None:
        print(("  ok   " if ok else "  FAIL ") + message)
        if not ok:
            self.failures.append(message)


def scaleout_env() -> dict[str, str] | None:
    """The app servers' environment (debug off, email kept in memory), or None without a PostgreSQL
    DATABASE_URL and a REDIS_URL."""
    env = dict(os.environ)
    if not env.get("DATABASE_URL", "").startswith("postgres") or not env.get("REDIS_URL"):
        return None
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_LOG_LEVEL": "ERROR",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )
    env.setdefault("DJANGO_SECRET_KEY", "scaleout-only-secret-key-" + "s" * 40)
    env.setdefault("GRIEVANCE_OFFICER_NAME", "Benchmark Grievance Officer")
    env.setdefault("GRIEVANCE_OFFICER_EMAIL", "grievance@example.in")
    return env


def prepare_site(env: dict[str, str], password: str, app_key: str) -> tuple[int, str]:
    """The demo site with a superuser `scaleout-editor` (this password, and an authenticator app with
    this hex key); the first published article's primary key and slug."""
    setup = (
        "from django.contrib.auth.models import User\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "user, _ = User.objects.get_or_create(username='scaleout-editor', defaults={'is_staff': True, 'is_superuser': True})\n"
        f"user.set_password({password!r}); user.save()\n"
        "TOTPDevice.objects.update_or_create(user=user, name='Authenticator app', "
        f"defaults={{'key': {app_key!r}, 'confirmed': True, 'last_t': -1, 'drift': 0}})\n"
        "from articles.models import Article, ArticleDraft\n"
        "pk, slug = Article.objects.published().order_by('pk').values_list('pk', 'slug')[0]\n"
        "ArticleDraft.objects.filter(article_id=pk).delete()  # a draft left by an earlier run\n"
        "print((pk, slug))"
    )
    prepare_demo_site(env)
    article_pk, slug = eval(manage_output(env, setup))  # noqa: S307 - our own printed tuple
    return article_pk, slug


def current_code(app_key: str) -> str:
    """The code the editor's authenticator app shows now (RFC 6238, as the phone computes it)."""
    import time

    from django_otp.oath import hotp

    return f"{hotp(bytes.fromhex(app_key), int(time.time()) // 30):06d}"


def read_article(reader: Browser, article_url: str, check: Checks) -> str:
    """Step 1: the reader loads the article on B (which caches it); its title."""
    status, _, page = reader.get(article_url)
    old_title = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1).strip()
    check(status == 200, f"reader loads {article_url} on B: “{old_title}”")
    return old_title


def sign_in_editor(ports: list[int], password: str, app_key: str, check: Checks) -> Browser:
    """Step 2: the editor signs in on A, and the same session cookie is signed in on B."""
    a, b = ports
    editor = Browser(a)
    _, _, login = editor.get("/admin/login/")
    status, headers, _ = editor.post(
        "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": csrf_token(login),
            "username": "scaleout-editor",
            "password": password,
            "otp_token": current_code(app_key),
            "next": "/admin/",
        },
    )
    check(status == 302 and headers.get("Location") == "/admin/", "editor signs in to the admin on A")
    status, _, _ = Browser(b, cookies=dict(editor.cookies)).get("/admin/")
    check(status == 200, "the same session cookie is signed in on B (sessions are shared)")
    return editor


def change_title(editor: Browser, article_pk: int, old_title: str, check: Checks) -> str:
    """Step 3: the editor submits the admin change form on A with a new title; the new title."""
    change_url = f"/admin/articles/article/{article_pk}/change/"
    _, _, form_page = editor.get(change_url)
    reader_form = FormReader()
    reader_form.feed(form_page[form_page.index('id="article_form"') :])
    new_title = f"{old_title} (updated {secrets.token_hex(3)})"
    fields = [(k, new_title if k == "title" else v) for k, v in reader_form.fields]
    # The editor is a superuser, so a medical reviewer too: a reviewer's typo fix goes live at once (an
    # editor's change to a live article would wait as a draft for a reviewer; tests/articles/test_drafts.py).
    fields.append(("typo_fix", "on"))
    fields.append(("_save", "Save"))
    status, _, _ = editor.post(change_url, fields)
    check(status == 302, f"editor saves the new title through A's admin: “{new_title}”")
    return new_title


def reread_article(reader: Browser, article_url: str, new_title: str, check: Checks) -> None:
    """Step 4: the reader reloads the article on B at once, and again every 5 ms until the new title is
    there: B hears of the edit when Redis delivers the new content version to it (portal/pagecache.py),
    which must take well under a tenth of a second."""
    started = time.monotonic()
    tries = 0
    while True:
        # How long after the save B still served the old page: the time this load was sent (the new
        # page itself takes a render on B, which a busy machine can make slow).
        sent = time.monotonic() - started
        _, _, page = reader.get(article_url)
        tries += 1
        if new_title in page or sent > 2:
            break
        time.sleep(0.005)
    check(
        new_title in page and sent < 0.1,
        f"reader reloads the article on B: the new title is shown in the load sent {sent * 1000:.1f} ms "
        f"after the save ({tries} loads)",
    )


def check_shared_rate_limit(env: dict[str, str], ports: list[int], check: Checks) -> None:
    """Step 5: six enquiries from one new loopback address, alternating A and B; the sixth is refused."""
    doctor = first_doctor(env)
    address = f"127.{secrets.randbelow(250) + 1}.{secrets.randbelow(250) + 1}.{secrets.randbelow(250) + 1}"
    statuses = []
    for i in range(6):
        patient = Browser(ports[i % 2], cookies={"csrftoken": CSRF}, source=address)
        status, _, _ = patient.post(
            f"/doctors/{doctor}/enquire/",
            {
                "csrfmiddlewaretoken": CSRF,
                "patient_name": "Scale Test",
                "phone": "9123456789",
                "consent": "on",
                "age": "adult",
                "website": "",
            },
        )
        statuses.append(status)
    check(statuses == [302] * 5 + [429], f"six enquiries from one address, alternating A and B: {statuses}")


def check_shared_sign_in_throttle(ports: list[int], check: Checks) -> None:
    """Step 6: eleven sign-in attempts from one new loopback address, alternating A and B; the
    eleventh is refused before any password is checked."""
    address = f"127.{secrets.randbelow(250) + 1}.{secrets.randbelow(250) + 1}.{secrets.randbelow(250) + 1}"
    statuses = []
    for i in range(11):
        guesser = Browser(ports[i % 2], cookies={"csrftoken": CSRF}, source=address)
        status, _, _ = guesser.post(
            "/admin/login/",
            {
                "csrfmiddlewaretoken": CSRF,
                "username": f"guess{i}",
                "password": "guessed",
                "otp_token": "123456",
            },
        )
        statuses.append(status)
    check(
        statuses == [200] * 10 + [429],
        f"eleven sign-in attempts from one address, alternating A and B: {statuses}",
    )


def run_checks(
    env: dict[str, str], ports: list[int], article: tuple[int, str], secrets_: tuple[str, str], check: Checks
) -> None:
    """Steps 1 to 6 of the module docstring against the running app servers A and B."""
    a, b = ports
    article_pk, slug = article
    article_url = f"/articles/{slug}/"
    print(f"app server A on :{a}, B on :{b}, sharing {env['DATABASE_URL'].rsplit('@', 1)[-1]} and Redis")
    reader = Browser(b)
    old_title = read_article(reader, article_url, check)
    password, app_key = secrets_
    editor = sign_in_editor(ports, password, app_key, check)
    new_title = change_title(editor, article_pk, old_title, check)
    reread_article(reader, article_url, new_title, check)
    check_shared_rate_limit(env, ports, check)
    check_shared_sign_in_throttle(ports, check)


def main() -> int:
    """Start app servers A and B on the shared database and Redis, run the checks, print the verdict."""
    env = scaleout_env()
    if env is None:
        print(
            "scaleout: set DATABASE_URL to a PostgreSQL database and REDIS_URL to a Redis (see the docstring)"
        )
        return 2
    password, app_key = secrets.token_urlsafe(18), secrets.token_hex(20)
    article = prepare_site(env, password, app_key)
    check = Checks()
    ports = [free_port(), free_port()]
    servers = [start_gunicorn(env, port, 1) for port in ports]
    try:
        run_checks(env, ports, article, (password, app_key), check)
    finally:
        for server in servers:
            stop(server)
    if check.failures:
        print(f"SCALE-OUT FAILED: {len(check.failures)} check(s)")
        return 1
    print(
        "SCALE-OUT PASSED: pages, sessions, the rate limit and the sign-in limit are shared by both app servers"
    )
    return 0


CSRF = secrets.token_hex(16)  # a valid CSRF secret, sent as cookie and form field
_doctor = {}


def first_doctor(env):
    if "slug" not in _doctor:
        _doctor["slug"] = manage_output(
            env,
            "from directory.models import Gynecologist; "
            "print(Gynecologist.objects.filter(is_active=True, hospitals__isnull=False).order_by('pk')[0].slug)",
        )
    return _doctor["slug"]


if __name__ == "__main__":
    sys.exit(main())
