"""Settings for Samverkansportalen, driven by environment variables.

The defaults give the embedded mode: an SQLite file, Celery tasks run eagerly, mail to the
console. Production sets DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY, DEBUG=0 and
ALLOWED_HOSTS (see docker-compose.yml); the same code runs both ways.
"""

import datetime
import ipaddress
import logging
import os
import tempfile
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envstr(name, default):
    """The variable's text; unset and empty are the same (compose passes ``${NAME:-}`` as "")."""
    return os.environ.get(name) or default


def envbool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def envint(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def envlist(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Embedded (development) mode unless told otherwise; production sets DEBUG=0 and SECRET_KEY.
DEBUG = envbool("DEBUG", True)
SECRET_KEY = envstr("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "embedded-mode-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "simple_history",
    "samverkan.thirdparty.AxesConfig",  # django-axes, with a Swedish name in the admin
    "csp",
    "django_celery_beat",
    "samverkan",
    "governance",
    "actionplans",
    "meetings",
    "reports",
]

MIDDLEWARE = [
    "samverkan.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "samverkan.pagecache.PageCacheMiddleware",  # a visitor without cookies: public pages from the cache
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samverkan.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samverkan.middleware.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samverkan.urls"
WSGI_APPLICATION = "samverkan.wsgi.application"
WHITENOISE_USE_FINDERS = DEBUG

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
                "samverkan.site.site",
                "samverkan.todo.context",
            ],
        },
    },
]

# Database: DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/samverkan.
# Connections are never kept per thread (a threaded server would keep one per thread and exhaust
# PostgreSQL's max_connections): without a pool each request opens and closes its own; with
# DB_POOL_MAX_SIZE (PostgreSQL) every process shares a pool of at most that many connections
# among all its threads, so the total is bounded by construction (README, "Connection budget").
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=0,
        conn_health_checks=True,
    )
}
DB_POOL_MAX_SIZE = envint("DB_POOL_MAX_SIZE", 0)
if DB_POOL_MAX_SIZE > 0 and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DB_POOL_MAX_SIZE,
        # A request waits this long for a free connection, then fails instead of opening more.
        "timeout": envint("DB_POOL_TIMEOUT", 10),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: Redis when CACHE_URL is set (production: shared by every web and worker process),
# else this process's memory (the embedded mode: one process). Public pages are served from it to
# anonymous visitors, and members' pages to each member, for at most PAGE_CACHE_SECONDS (0: no page
# cache), and a commit that changes what they show makes them stale at once
# (samverkan/pagecache.py). A cache that is away is logged, never an error: the pages are then
# rendered as without it.
CACHE_URL = envstr("CACHE_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "samverkan",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}
}
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 600)
# The apps whose tables hold what public pages show: a committed write to any of them (but the
# object permissions) makes the cached pages stale, public and members'.
PUBLIC_CONTENT_APPS = ["governance", "actionplans", "meetings", "reports"]
# What members' pages (cached per member, as the public pages are) show besides: who may see and do
# what (the object permissions above too) and a person's calendar address. Apps or single models;
# a committed write to them makes the members' cached pages stale.
MEMBER_CONTENT = ["auth", "guardian", "samverkan.CalendarKey"]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None  # anonymous visitors get no object permissions at all

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute-force protection: a username is locked for a quarter of an hour after five failures
# from one address: REMOTE_ADDR, which behind a trusted proxy is the visitor's own address
# (samverkan.middleware.TrustedProxyMiddleware).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "samverkan.middleware.client_ip"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "governance:my_groups"
LOGOUT_REDIRECT_URL = "home"

# Optional single sign-on by OpenID Connect (mozilla-django-oidc), on when OIDC_RP_CLIENT_ID is
# set. It maps the provider's verified e-mail address to a Person who already has a login
# (governance.oidc): it creates no login and no rights.
OIDC_RP_CLIENT_ID = envstr("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = envstr("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = envstr("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = envstr("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = envstr("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = envstr("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = envstr("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_PROVIDER_NAME = envstr("OIDC_PROVIDER_NAME", "")  # the login page says "Log in with ..."
OIDC_RP_SCOPES = "openid email"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10  # seconds for each call to the provider
LOGIN_REDIRECT_URL_FAILURE = "/konto/login/"  # where a refused sign-on shows its message
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if OIDC_ENABLED:
    for name in (
        "OIDC_RP_CLIENT_SECRET",
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
    ):
        if not os.environ.get(name):
            raise ImproperlyConfigured(f"{name} must be set when OIDC_RP_CLIENT_ID is")
    AUTHENTICATION_BACKENDS.insert(1, "governance.oidc.PersonBackend")

# Swedish first; English selectable.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
# The project's catalogue first; then the Swedish labels of third-party apps that ship none
# (django-axes, django-celery-beat, django-simple-history), so that the admin is Swedish too.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "thirdparty"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Bounded input. Request bodies are refused (413) before anything reads them when larger than
# these (samverkan.middleware.RequestBodyLimitMiddleware). MAX_UPLOAD_MB is the largest body a
# logged-in user may send, the same number the compose proxy (Caddyfile) enforces; an attachment
# may be that less 1 MB for the rest of its form.
REQUEST_BODY_MAX_BYTES = envint("MAX_UPLOAD_MB", 21) * 1024 * 1024
UPLOAD_MAX_BYTES = REQUEST_BODY_MAX_BYTES - 1024 * 1024
# Not logged in: enough for logging in and the language switch, nothing to upload.
ANONYMOUS_BODY_MAX_BYTES = envint("ANONYMOUS_BODY_MAX_KB", 64) * 1024
# Within that: form text (not files) at most 2.5 MB and 1000 fields (else 400), at most five files
# in one request, and uploads above 2.5 MB spooled to a temporary file rather than held in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 5

# E-mail: console by default; SMTP when EMAIL_HOST is set.
EMAIL_HOST = envstr("EMAIL_HOST", "")
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "samverkansportalen@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where visitors report accessibility problems and ask about their personal data (the
# accessibility statement and the personal data page name it).
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", DEFAULT_FROM_EMAIL)

# /.well-known/security.txt (RFC 9116): where to report a vulnerability (a mailto: or https: URI)
# and until when that holds (ISO 8601, e.g. 2027-06-30T00:00:00Z; by default a year after start).
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT") or f"mailto:{DEFAULT_FROM_EMAIL}"
SECURITY_TXT_EXPIRES = (
    datetime.datetime.fromisoformat(os.environ["SECURITY_TXT_EXPIRES"])
    if os.environ.get("SECURITY_TXT_EXPIRES")
    else None
)

# Celery: with no broker configured, tasks run eagerly in the web process.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", envstr("REDIS_URL", ""))
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = envstr("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A request that queues work must not hang on a broker that is down: connect for at most 2 s, read
# for at most 5 s (without a socket timeout a broker that accepts but never answers blocks the
# request for ever, celery#4296), and retry a publish once (Celery's default is 4 s and 3 retries).
# Measured: a refused connection gives up in 0.6 s, a silent broker in 5.7 s. The work is in the
# outbox first, so a publish that fails loses nothing (samverkan/outbox.py).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2 * 3600,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TIMEZONE = TIME_ZONE
# Every periodic task, named by cadence. Crontab (not intervals): see PITFALLS.md. Beat keeps
# them in the database (django-celery-beat), where the admin shows them and can pause them.
CELERY_BEAT_SCHEDULER = "samverkan.beat:HeartbeatScheduler"
# Beat touches this file on every tick (at least every 5 s); its compose health check reads its age.
BEAT_HEARTBEAT_FILE = Path(tempfile.gettempdir()) / "samverkan-beat-heartbeat"
CELERY_BEAT_SCHEDULE = {
    "daily-sync-permissions": {
        "task": "governance.tasks.sync_all_permissions",
        "schedule": crontab(hour=0, minute=15),
    },
    "daily-annual-cycle": {"task": "reports.tasks.run_annual_cycle", "schedule": crontab(hour=6, minute=0)},
    "every-minute-sweep-outbox": {"task": "samverkan.tasks.sweep_outbox", "schedule": crontab(minute="*")},
    "daily-purge-spent-keys": {
        "task": "samverkan.tasks.purge_spent_keys",
        "schedule": crontab(hour=3, minute=30),
    },
    # Notices (governance/notices.py): yesterday's digests, and assignments due in 7 days or overdue.
    "daily-notice-digests": {
        "task": "governance.tasks.send_daily_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    "daily-assignment-reminders": {
        "task": "meetings.tasks.remind_assignments",
        "schedule": crontab(hour=6, minute=45),
    },
}

# The outbox (samverkan/outbox.py): side effects written in the state change's transaction and
# delivered by Celery. Each kind names its handler(payload).
OUTBOX_HANDLERS = {
    "mail": "samverkan.outbox.send_mail_message",
    "reports.pdf": "reports.tasks.build_pdf",
}
# Seconds a row may stay pending or delivering before the sweeper queues it again (longer than
# the longest delivery: an annual-report PDF takes about 10 s).
OUTBOX_DEADLINE = envint("OUTBOX_DEADLINE", 600)
# A delivery is stopped well before its deadline, so the sweeper never hands out a row that is
# still running: at the soft limit the handler gets SoftTimeLimitExceeded (a failure, retried with
# backoff); at the hard limit the worker kills the child and the row waits for the sweeper.
OUTBOX_TIME_LIMIT = OUTBOX_DEADLINE // 2
OUTBOX_SOFT_TIME_LIMIT = OUTBOX_TIME_LIMIT * 4 // 5
OUTBOX_MAX_ATTEMPTS = 5
OUTBOX_RETRY_BACKOFF = 30  # seconds before the first retry, doubled after each failure
# Delivered outbox rows and the keys of saved forms are kept this long, then purged daily.
KEPT_KEYS_DAYS = 90
# The login log and failed login attempts (IP address, browser) are kept this long (the personal
# data page says so), then purged by the same daily task.
LOGIN_RECORDS_DAYS = 90

# How the apps plug into each other without governance knowing them.
# Sections of a body's page that other apps provide, in order: callables
# (request, body, permissions) -> safe HTML (e.g. render_to_string); each must run a
# constant number of queries.
BODY_PAGE_SECTIONS = [
    "actionplans.sections.plans",
    "meetings.sections.meetings_section",
    "reports.sections.annual_reports",
]
# Facts for annual report sections: callables (body, year) -> list of blocks (see reports/facts.py).
REPORT_SECTION_FACTS = ["meetings.facts.meetings_held", "actionplans.facts.goals_and_outcomes"]
# "Att göra": the kinds of to-do (samverkan/todo.py), in the order the page shows them.
TODO_KINDS = [
    "meetings.todo.STANCES",
    "meetings.todo.AGENDAS",
    "meetings.todo.MINUTES_TO_WRITE",
    "meetings.todo.MINUTES_TO_APPROVE",
    "meetings.todo.MINUTES_TO_PUBLISH",
    "reports.todo.SECTIONS_TO_WRITE",
    "reports.todo.SECTIONS_TO_REVIEW",
    "reports.todo.REPORTS_TO_ADOPT",
    "actionplans.todo.PLANS_TO_ADOPT",
    "actionplans.todo.FOLLOW_UPS",
    "meetings.todo.ASSIGNMENTS",
]
# The meetings in a person's own calendar (samverkan/personal_calendar.py): callables (user, today).
PERSONAL_CALENDAR_EVENTS = ["meetings.calendar.personal_meetings"]
# Demo data loaders, run in this order by `manage.py load_demo` (each idempotent).
DEMO_LOADERS = [
    "governance.demo.load_demo",
    "actionplans.demo.load_demo",
    "meetings.demo.load_demo",
    "reports.demo.load_demo",
]

# Security: strict in production, relaxed only where DEBUG serves plain HTTP. Production is
# always served over https, by the portal or by a TLS proxy in front of it, so each setting
# defaults to on by itself: a proxy that does the redirect (SECURE_SSL_REDIRECT=0) keeps Secure
# cookies and HSTS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Addresses (or networks) of the reverse proxies whose X-Forwarded-Proto/-For are believed.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", [])
for proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {proxy!r} is not an IP address or network") from None
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# The container's own health check asks over plain http from inside (samverkan/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SILENCED_SYSTEM_CHECKS = []
if TRUSTED_PROXIES and not SECURE_SSL_REDIRECT:
    SILENCED_SYSTEM_CHECKS += ["security.W008"]  # the TLS proxy redirects http to https
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The unique agenda numbers and plan orders are deferrable constraints, which SQLite lacks;
    # the embedded database serialises its writers, and the services number under a lock anyway.
    SILENCED_SYSTEM_CHECKS += ["models.W038"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content Security Policy: everything from our own origin; no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Logging: one line per event on stderr, at LOG_LEVEL. Django's own "django" logger would also
# print through its console handler in the embedded mode (DEBUG) and then again through the root's,
# so it keeps no handler of its own here and only propagates. Celery keeps this configuration too
# (samverkan/celery.py). Libraries that narrate every step (WeasyPrint, fontTools, Celery) speak
# only from WARNING up.
LOG_LEVEL = envstr("LOG_LEVEL", "INFO").upper()
if not isinstance(logging.getLevelName(LOG_LEVEL), int):
    raise ImproperlyConfigured(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL: {LOG_LEVEL!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        **{name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "celery", "kombu", "amqp")},
    },
}
