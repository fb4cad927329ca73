"""One settings module for every environment, driven by environment variables.

DJANGO_DEBUG          "1"/"true" turns debug on (default off: production-safe by default)
DJANGO_SECRET_KEY     required when debug is off
DJANGO_ALLOWED_HOSTS  comma-separated host names
DATABASE_URL          sqlite:///path or postgres://user@host:port/name (default: SQLite beside the project)
REDIS_URL             redis://host:6379/0: the cache shared by every app server (default: per process)
S3_BUCKET             stored files in an S3-compatible object store (default: local disk, MEDIA_ROOT);
                      with S3_ENDPOINT_URL, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_REGION, S3_PREFIX
DJANGO_LOG_JSON       "1": log lines as JSON, each with the request id (default: plain text)

Boolean variables accept 1/0, true/false, yes/no, on/off (any case); anything else stops start-up.
The test suite runs under salesops.settings_test, which imports this module and overrides it.
"""

import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_VALUES = frozenset({"1", "true", "yes", "on"})
FALSE_VALUES = frozenset({"0", "false", "no", "off"})


def env_bool(name: str, default: bool = False) -> bool:
    """An on/off environment variable; unset or empty means the default. A value that is not
    clearly on or off (a typo such as "flase") is refused rather than silently read as off."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if value.lower() in TRUE_VALUES:
        return True
    if value.lower() in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean; use 1/0, true/false, yes/no or on/off"
    )


def _env_number(name: str, default: Any, kind: str, parse: Any, hint: str) -> Any:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = parse(value)
    except ValueError:
        number = None
    if number is None or not math.isfinite(number):
        raise ImproperlyConfigured(
            f"{name} must be {kind}, not {value!r} (default {default})"
            + (f"; {hint}" if hint else "")
        )
    return number


def env_int(name: str, default: int, hint: str = "") -> int:
    """A whole-number environment variable; unset or empty means the default. Anything else (a
    typo, "5 min") stops start-up with one line naming the variable, not a traceback."""
    return int(_env_number(name, default, "a whole number", int, hint))


def env_float(name: str, default: float, hint: str = "") -> float:
    """A number (``0.25``); as ``env_int``, and "nan" or "inf" are refused too."""
    return float(_env_number(name, default, "a number", float, hint))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_env() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
    try:
        config = cast(
            dict[str, Any], dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
    except Exception as exc:  # dj-database-url raises several types for a bad URL
        raise ImproperlyConfigured(
            f"DATABASE_URL is malformed ({exc}); expected e.g. postgres://user@127.0.0.1:5432/salesops "
            "or sqlite:///path/to/db.sqlite3"
        ) from None
    if not config.get("ENGINE") or not config.get("NAME"):
        raise ImproperlyConfigured(
            "DATABASE_URL is malformed: it names no database engine or database; expected e.g. "
            "postgres://user@127.0.0.1:5432/salesops"
        )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.pop("CONN_MAX_AGE", None)
        config.pop("CONN_HEALTH_CHECKS", None)
    else:
        # a database that does not answer fails the request (and /readyz) in seconds, not minutes;
        # a connect_timeout in DATABASE_URL's query string wins
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    return config


def caches_from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """REDIS_URL set: Django's built-in Redis cache, shared by every process on every server (so
    whatever is cached holds for the whole deployment). Unset: local memory, one per process (one
    machine, `make run`)."""
    url = environ.get("REDIS_URL", "").strip()
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "REDIS_URL is malformed; expected e.g. redis://127.0.0.1:6379/0 (or rediss:// with TLS)"
        )
    return {
        "default": {
            # Django's Redis cache that answers as a miss while Redis is down or hangs (salesops/cache.py)
            "BACKEND": "salesops.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": environ.get("CACHE_KEY_PREFIX", "salesops"),
            # a cache that does not answer fails fast instead of hanging a worker
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def default_storage_from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """Where stored files (frozen report submissions, training material, photos, imports) live.
    S3_BUCKET set: an S3-compatible object store through django-storages (AWS, MinIO, Ceph, a
    cloud's OSS/COS with its S3 endpoint); unset: the local disk under MEDIA_ROOT. Files are never
    served from the store directly: the app reads them and hands them out after its scope check."""
    bucket = environ.get("S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": environ.get("S3_PREFIX", "").strip().strip("/"),
        "default_acl": None,  # private: the bucket's own policy, never public-read
        "querystring_auth": True,
        "file_overwrite": False,  # a name that exists gets a new one, as on local disk
    }
    for option, name in (
        ("endpoint_url", "S3_ENDPOINT_URL"),
        ("access_key", "S3_ACCESS_KEY_ID"),
        ("secret_key", "S3_SECRET_ACCESS_KEY"),
        ("region_name", "S3_REGION"),
        ("addressing_style", "S3_ADDRESSING_STYLE"),  # "path" for MinIO and most local stores
    ):
        value = environ.get(name, "").strip()
        if value:
            options[option] = value
    from botocore.config import Config  # only needed (and imported) with an object store

    # a store that does not answer fails the request (and /readyz) in seconds
    options["client_config"] = Config(
        connect_timeout=3,
        read_timeout=15,
        retries={"max_attempts": 2},
        s3={"addressing_style": options.get("addressing_style") or "auto"},
    )
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


DEBUG = env_bool("DJANGO_DEBUG", False)
# True only under salesops.settings_test, the test suite's settings, which switches it on explicitly.
TESTING = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-development-key-never-use-in-production"
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (production). "
            "For local development set DJANGO_DEBUG=1."
        )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_fsm",
    "django_fsm_log",
    "django_tables2",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    "salesops",
    "accounts",
    "visits",
    "plans",
    "reports",
    "training",
    "meetings",
    "workcalendar",
    "performance",
    "problems",
    "proposals",
    "clientpool",
    "clientimport",
    "ops",
    "suitability",
    "ownership",
    "notifications",
    "fieldwork",
    "portal",  # the site: home, menu, root URLs, seed_demo (may import every app above)
]

# the transition log (django-fsm-log) stamped with when the action happened (salesops/fsmlog.py)
DJANGO_FSM_LOG_STORAGE_METHOD = "salesops.fsmlog.StampedBackend"

MIDDLEWARE = [
    # a request id on every log line; /healthz and /readyz answered before anything else
    "ops.middleware.RequestIdMiddleware",
    "ops.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # control characters in a query string: 400; TRACE/TRACK/CONNECT: 405 (docs/design.md §Bad input)
    "salesops.badinput.BadInputMiddleware",
    "salesops.requestcache.RequestCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # axes must be last: it inspects the response of the authentication backends
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "salesops.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread",
                "portal.context_processors.menu",
            ],
        },
    },
]

DATABASES = {"default": database_from_env()}
CACHES = caches_from_env(os.environ)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login protection: lock a username+IP pair after repeated failures, for a cool-off period.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_float("AXES_COOLOFF_HOURS", 0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's real address behind the trusted reverse proxies (README "Running in production"):
# DJANGO_TRUSTED_PROXY_COUNT proxies append to X-Forwarded-For; 0 (default) = no proxy, REMOTE_ADDR.
# Without it every user shares the proxy's address and anyone could lock out anyone.
TRUSTED_PROXY_COUNT = env_int(
    "DJANGO_TRUSTED_PROXY_COUNT",
    0,
    "how many reverse proxies are in front of the app (1 behind nginx, 0 without a proxy)",
)
AXES_CLIENT_IP_CALLABLE = "salesops.network.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": default_storage_from_env(os.environ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads (the 外勤签到 photo): a file over FILE_UPLOAD_MAX_MEMORY_SIZE is streamed to a temporary
# file, never held in memory; the photo pipeline refuses one over 15 MB by its size before decoding
# it (fieldwork/photos.py), with a message, and nginx's client_max_body_size is 20 MB. The form
# fields beside it stay under Django's default 2.5 MB (DATA_UPLOAD_MAX_MEMORY_SIZE).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The release name, when the deployment sets one: part of the service worker's cache version
# (fieldwork/pwa.py), besides the static files' own hashes.
RELEASE = os.environ.get("SALESOPS_RELEASE", "")
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# A PDF that takes longer than this is stopped and refused with a message to download the Excel, well
# inside gunicorn's 30 s worker timeout (salesops/pdf.py). 0 renders without a budget.
PDF_TIME_BUDGET_SECONDS = env_float("PDF_TIME_BUDGET_SECONDS", 20.0)
# how long a closed period's cached report result lives (reports.freshness); 0 (or set but empty)
# = no caching
REPORT_CACHE_SECONDS = (
    env_int("REPORT_CACHE_SECONDS", 21600)
    if os.environ.get("REPORT_CACHE_SECONDS", "21600").strip()
    else 0
)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/salesops.html"

MESSAGE_TAGS = {40: "danger"}


# Report submission deadlines (docs/design.md §Due times): weekly reports are due the Monday after
# the week at 12:00, monthly ones on the given day of the next month at 18:00, local time.
REPORT_WEEKLY_DUE = {"weekday": 0, "hour": 12, "minute": 0}
REPORT_MONTHLY_DUE = {"day": 3, "hour": 18, "minute": 0}
# plan tables (reports 1 and 2) are due before the period they plan: Monday 10:00 of the week,
# the 3rd of the month 18:00
REPORT_WEEKLY_PLAN_DUE = {"weekday": 0, "hour": 10, "minute": 0}
REPORT_MONTHLY_PLAN_DUE = {"day": 3, "hour": 18, "minute": 0}


# The team's client pool (公海, clientpool/): a client without a visit for this many days returns to
# the pool (manage.py return_to_pool, daily); a salesperson holds at most this many claimed clients
# not yet visited.
CLIENT_POOL_IDLE_DAYS = env_int("CLIENT_POOL_IDLE_DAYS", 60)
CLIENT_POOL_CLAIM_LIMIT = env_int("CLIENT_POOL_CLAIM_LIMIT", 20)
# Client import from Excel (clientimport/): a larger upload is refused before it is read (nginx's
# client_max_body_size is 10m too), and so is a sheet with more rows.
CLIENT_IMPORT_MAX_BYTES = env_int("CLIENT_IMPORT_MAX_MB", 10) * 1024 * 1024
CLIENT_IMPORT_MAX_ROWS = env_int("CLIENT_IMPORT_MAX_ROWS", 10_000)
# what an uploaded .xlsx may unpack to, all members and the shared strings (clientimport/xlsx.py)
CLIENT_IMPORT_MAX_UNZIPPED_BYTES = env_int("CLIENT_IMPORT_MAX_UNZIPPED_MB", 50) * 1024 * 1024
CLIENT_IMPORT_MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024
# an upload not confirmed within this many days expires: file deleted, record kept (expire_imports)
CLIENT_IMPORT_KEEP_DAYS = env_int("CLIENT_IMPORT_KEEP_DAYS", 7)
# Notifications (notifications/): e-mail by Django's e-mail framework. SMTP when EMAIL_HOST is set;
# otherwise in development the messages are written to files under sent-mail/ (DJANGO_EMAIL_BACKEND
# overrides either). Group robots (企业微信 / 钉钉) are set per team in the admin.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
NOTIFY_HTTP_TIMEOUT = env_float("NOTIFY_HTTP_TIMEOUT", 5.0, "seconds")
NOTIFY_HTTP_ATTEMPTS = env_int("NOTIFY_HTTP_ATTEMPTS", 3)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "salesops@localhost")
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST") or not DEBUG
    else "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = BASE_DIR / "sent-mail"
# after an action commits its notifications are sent by a background thread of the web process
# ("background"), in the request ("inline"), or only by send_reminders ("command")
NOTIFY_DELIVERY = os.environ.get("NOTIFY_DELIVERY", "background")
if NOTIFY_DELIVERY not in ("background", "inline", "command"):
    raise ImproperlyConfigured("NOTIFY_DELIVERY must be background, inline or command")
# pause between webhook attempts: this many seconds times the attempt number
NOTIFY_HTTP_BACKOFF = 0.5
# webhooks on loopback/private addresses or over plain http (a robot relay inside the firm's
# network); off: only https to public addresses (notifications/channels.py)
NOTIFY_WEBHOOK_ALLOW_PRIVATE = env_bool("NOTIFY_WEBHOOK_ALLOW_PRIVATE", False)
# a delivery or report mail still "sending" this many minutes after it was claimed was left by a
# process that stopped mid-send: it is claimed again as a failed attempt (within the attempt bounds).
# Keep it far longer than any send takes (NOTIFY_HTTP_ATTEMPTS × NOTIFY_HTTP_TIMEOUT, EMAIL_TIMEOUT)
# so that a send still under way is never taken over.
NOTIFY_SENDING_STALE_MINUTES = env_int("NOTIFY_SENDING_STALE_MINUTES", 15)
if NOTIFY_SENDING_STALE_MINUTES < 1:
    raise ImproperlyConfigured("NOTIFY_SENDING_STALE_MINUTES must be at least 1")
# the address links in e-mails and robot messages start with, e.g. https://sales.example.com;
# unset (demo, development): the address the site is served at (salesops.requestcache.origin;
# `make run` sets it from HOST and PORT)
SALESOPS_BASE_URL = os.environ.get("SALESOPS_BASE_URL", "").rstrip("/")
# the office's mailbox: submitted reports and the Monday list of late and missing ones
SALESOPS_OFFICE_EMAIL = os.environ.get("SALESOPS_OFFICE_EMAIL", "office@localhost" if DEBUG else "")
# reminders: the hour a working day ends (work log missing), the hour on Friday next week's plans are
# due (周例会前)
NOTIFY_WORKDAY_END_HOUR = 18
NOTIFY_WEEK_PLAN_DUE = {"weekday": 4, "hour": 18}

# Production hardening. Off in debug so that http://127.0.0.1:8000 works during development.
SECURE = not DEBUG
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True) and SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts only from this site — no inline <script>, no
# inline event handlers, no eval; page scripts live in static/js/. Styles allow inline style
# attributes (layout only); images allow data: URIs (Bootstrap's form icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        # blob: the preview of a check-in photo picked on the phone (static/js/checkin.js)
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sessions end after DJANGO_SESSION_IDLE_MINUTES without a request (requests renew the
# deadline, at most once a minute) and when the browser closes (shared computers in a branch office).
SESSION_COOKIE_AGE = 60 * env_int("DJANGO_SESSION_IDLE_MINUTES", 120, "minutes")
# renewed by salesops.requestcache at most once a minute, not written on every request
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Logs go to stderr (journald under systemd). DJANGO_LOG_JSON=1: one JSON object per line with the
# request id (the proxy's X-Request-ID or a new one) and the server's name (DJANGO_SERVER_NAME) on
# every line; otherwise plain text with the request id. DJANGO_LOG_LEVEL=INFO adds one access line
# per request (ops.access).
LOG_JSON = env_bool("DJANGO_LOG_JSON", False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_traceback_4xx": {"()": "salesops.logfilters.NoTracebackForClientErrors"},
        "request_id": {"()": "ops.logging.RequestIdFilter"},
        "redact": {"()": "salesops.logfilters.RedactSecrets"},
    },
    "formatters": {
        "json": {"()": "ops.logging.JsonFormatter"},
        "plain": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "redact"],
            "formatter": "json" if LOG_JSON else "plain",
        }
    },
    "loggers": {
        # a 403/404 is one line without a traceback; a 500 keeps its traceback
        "django.request": {"filters": ["no_traceback_4xx"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
