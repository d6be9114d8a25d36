"""Settings for the Nine Months portal.

Everything that differs between a laptop and production comes from the environment (see
`.env.example` and the README). The settings fail closed: with debug off there is no secret key
default, HTTPS protections are on, and the site refuses to start rather than run insecurely.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_flag(name: str, default: bool) -> bool:
    """Read a 0/1 style flag; anything unexpected is an error, not a silent default."""
    raw = os.environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {raw!r}")


def env_int(name: str, default: int, minimum: int = 0, maximum: int | None = None) -> int:
    """Read a whole number; anything else (or outside `minimum`..`maximum`) is an error, not a silent
    default."""
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    if not raw.isdigit() or int(raw) < minimum or (maximum is not None and int(raw) > maximum):
        bounds = f"at least {minimum}" if maximum is None else f"from {minimum} to {maximum}"
        raise ImproperlyConfigured(f"{name} must be a whole number {bounds}, not {raw!r}")
    return int(raw)


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "dev-only-insecure-key-never-used-with-debug-off"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

SITE_NAME = os.environ.get("SITE_NAME", "Nine Months")
# The site's own address, for links in emails sent by the job queue (no request to ask there).
SITE_URL = os.environ.get(
    "DJANGO_SITE_URL",
    f"http://127.0.0.1:{os.environ.get('PORT', '8000')}" if DEBUG else f"https://{ALLOWED_HOSTS[0]}",
)

INSTALLED_APPS = [
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "reversion",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "portal",
    "directory",
    "articles",
    "calculators",
    # Two-factor staff sign-in (portal/twofactor.py). After "portal", whose addstatictoken checks the
    # code before django-otp's own command stores it.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refuses oversized or non-form bodies before anything reads them (415/413/411).
    "portal.middleware.RequestBodyLimitMiddleware",
    # The language of the page from its URL: /hi/... is Hindi, everything else English.
    "portal.middleware.PathLanguageMiddleware",
    # Django's 405s are blank: the site's error page instead, in the page's language.
    "portal.middleware.MethodNotAllowedPageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers If-None-Match / If-Modified-Since with 304, for cached pages too.
    "django.middleware.http.ConditionalGetMiddleware",
    "portal.pagecache.PageCacheMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a one-time code as well as the password.
    "django_otp.middleware.OTPMiddleware",
    # Staff sessions end after SESSION_COOKIE_AGE without a request; each request extends them.
    "portal.middleware.StaffSessionRefreshMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: locks out repeated failed admin logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tuned for a web server: readers never block the writer (WAL), writers wait instead of
    # failing at once (busy timeout), and write transactions take the lock up front (IMMEDIATE)
    # so two requests cannot deadlock upgrading a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA temp_store=MEMORY;"
            "PRAGMA mmap_size=134217728;"
            "PRAGMA cache_size=-32000;"
            # Erased personal data (withdrawal, retention) is overwritten with zeros, not left in free pages.
            "PRAGMA secure_delete=ON;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis shared by every app server when REDIS_URL is set, else this process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_MODE = os.environ.get("DJANGO_CACHE", "").strip().lower()
if CACHE_MODE not in {"", "dummy"}:
    raise ImproperlyConfigured(f"DJANGO_CACHE must be unset or 'dummy', not {CACHE_MODE!r}")
if CACHE_MODE == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ninemonths",
            "TIMEOUT": 3600,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ninemonths",
            "TIMEOUT": 3600,
            # About 20 KB a page: at most ~20 MB a worker. (With Redis, its maxmemory bounds it: README.)
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }

# Request bodies (portal.middleware.RequestBodyLimitMiddleware): public forms are small; the admin takes
# photo uploads (5 MB each at most).
PUBLIC_MAX_BODY_BYTES = 64 * 1024
ADMIN_MAX_BODY_BYTES = 12 * 1024 * 1024

# Whole pages for anonymous visitors (portal/pagecache.py); an edit invalidates them at once.
PAGE_CACHE_SECONDS = 300
# With Redis, each worker process also keeps the pages it served in its own memory while it follows the
# content version published on Redis (about 20 KB a page: at most ~20 MB a worker).
PAGE_CACHE_NEAR_ENTRIES = 1000
PAGE_CACHE_EXCLUDE = ("/admin/", "/healthz", "/readyz", "/static/", "/media/")
PAGE_CACHE_VERSION_FILE = VAR_DIR / "content-version"
# The directory's search keeps what it knows about words (search terms, cities, languages) in memory
# until the content version changes (directory/lexicon.py).
SEARCH_CONTENT_VERSION = "portal.pagecache.current_version"

# Sessions live in the database so every app server sees them, with or without Redis.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A staff session ends after eight hours without a request: portal.middleware.StaffSessionRefreshMiddleware
# extends a signed-in session on its requests (writing it at most once a minute).
SESSION_COOKIE_AGE = 8 * 3600
STAFF_SESSION_REFRESH_SECONDS = 60

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for one username from one address lock it out for an hour.
# How many proxies (load balancers) stand in front: directory.ratelimit.client_address reads the
# client from X-Forwarded-For only that far. The enquiry limit and the sign-in lockout count by it.
TRUSTED_PROXIES = env_int("DJANGO_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "directory.ratelimit.client_address"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]

# Two-factor staff sign-in (django-otp; portal/twofactor.py): a password and a one-time code from an
# authenticator app (TOTP) or a backup code. The admin lists devices without their secret keys.
OTP_TOTP_ISSUER = SITE_NAME
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# At most this many sign-in attempts (POST /admin/login/) per client address per minute, counted in the
# cache before any password is hashed (portal/throttle.py).
# (At most 1,000: each attempt reads that many places in the cache, portal/throttle.py.)
ADMIN_LOGIN_RATE_LIMIT = env_int("ADMIN_LOGIN_RATE_LIMIT", 10, minimum=1, maximum=1000)
ADMIN_LOGIN_RATE_WINDOW = 60

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at unprefixed URLs, Hindi under /hi/ (i18n_patterns in portal/urls.py). The language comes from
# the URL alone, never from Accept-Language or a cookie (portal.middleware.PathLanguageMiddleware).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("hi", "हिन्दी")]
# The language tags pages and sitemaps announce for each language (hreflang, inLanguage): India's.
LANGUAGE_TAGS = {"en": "en-IN", "hi": "hi-IN"}
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Where collectstatic writes and WhiteNoise serves from (the browser journeys' servers each use their own).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # var/ holds the SQLite file too
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded images are best served by the web server or object storage in front of the app servers;
# DJANGO_SERVE_MEDIA=1 lets Django serve them itself (one machine, `make serve`). On with debug.
SERVE_MEDIA = env_flag("DJANGO_SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600  # unhashed files; hashed ones are served as immutable for a year

# HTTPS: on by default whenever debug is off; DJANGO_HTTPS=0 only for plain HTTP on loopback.
HTTPS = env_flag("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 63072000 if HTTPS else 0  # two years, as the preload list asks
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# Under HTTPS the cookies carry the __Host- prefix: a browser keeps them only when they are Secure, for
# Path=/ and without a Domain, so no other host (a sibling subdomain) can set or overwrite them.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A failed check shows the site's own 403 page in the page's language (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Content-Security-Policy: our own origin only, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Nine Months <no-reply@localhost>")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
# STARTTLS unless turned off: emails carry patients' private links, never sent in clear by default
# (CONTRACT.md: DJANGO_EMAIL_USE_TLS=0 for a plain server on loopback).
EMAIL_USE_TLS = env_flag("DJANGO_EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10

# ---- Background jobs: Django's Tasks API, stored in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A failed notification is tried again after this many seconds, then after twice as long each time,
# for at least NOTIFY_RETRY_HOURS; after that it is marked failed for people to follow up.
NOTIFY_RETRY_SECONDS = env_int("NOTIFY_RETRY_SECONDS", 60, minimum=1)
NOTIFY_RETRY_HOURS = 24

LOGIN_URL = "admin:login"

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"level": LOG_LEVEL},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# ---- Privacy (DPDP Act 2023): an enquiry's personal data is erased by `purge_enquiries` after this many
# days, whatever its status; grievances are answered within GRIEVANCE_RESPONSE_DAYS and erased a year
# after they are closed. The grievance officer's name and email are shown on /privacy/.
ENQUIRY_RETENTION_DAYS = env_int("ENQUIRY_RETENTION_DAYS", 180, minimum=1)
GRIEVANCE_RESPONSE_DAYS = 30
GRIEVANCE_RETENTION_DAYS = 365
GRIEVANCE_OFFICER_NAME = os.environ.get("GRIEVANCE_OFFICER_NAME", "").strip()
GRIEVANCE_OFFICER_EMAIL = os.environ.get("GRIEVANCE_OFFICER_EMAIL", "").strip()
if not (GRIEVANCE_OFFICER_NAME and GRIEVANCE_OFFICER_EMAIL):
    if not DEBUG:
        raise ImproperlyConfigured(
            "GRIEVANCE_OFFICER_NAME and GRIEVANCE_OFFICER_EMAIL are required when DJANGO_DEBUG is off: "
            "the privacy notice must name the person who answers patients' requests and complaints."
        )
    GRIEVANCE_OFFICER_NAME = GRIEVANCE_OFFICER_NAME or "Demo Grievance Officer"
    GRIEVANCE_OFFICER_EMAIL = GRIEVANCE_OFFICER_EMAIL or "grievance-officer@example.in"

# ---- Enquiries: how many one address may send per window (directory/ratelimit.py).
ENQUIRY_RATE_LIMIT = env_int("ENQUIRY_RATE_LIMIT", 5, minimum=1)
ENQUIRY_RATE_WINDOW = 3600
