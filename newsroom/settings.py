"""Settings for the Newsroom site.

One module, configured from environment variables with safe local defaults
(read with django-environ). A `.env` file beside manage.py, which `make run`
writes on first use, fills in whatever the environment leaves unset, so every
command reads the same settings from a shell, cron or systemd. Production
(DEBUG off) refuses to start without a SECRET_KEY.
"""

import shutil
import sys
from email.utils import getaddresses
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# ENV_FILE names another file; empty reads none (the tests' own settings).
ENV_FILE = env("ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        # One line, no traceback: it is an operator's mistake, not a bug.
        sys.exit(
            "Set SECRET_KEY in the environment or in .env "
            "(or DEBUG=1 for local work; `make run` writes both)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

# HTTPS: on by default in production. Off only where nothing terminates TLS
# in front of the site (e.g. `make serve` tried out on 127.0.0.1).
HTTPS = env.bool("HTTPS", default=not DEBUG)

# How many reverse proxies in front of the site append to X-Forwarded-For;
# 0 trusts no header and takes the address of the connection itself.
NEWSROOM_TRUSTED_PROXIES = env.int("NEWSROOM_TRUSTED_PROXIES", default=0)

# Absolute links in emails and feeds point here.
NEWSROOM_SITE_URL = env("NEWSROOM_SITE_URL", default="http://127.0.0.1:8000")
NEWSROOM_SITE_URL = NEWSROOM_SITE_URL.rstrip("/")

# Django settings, alphabetical.

# Who gets an email about each server error: "Name <address>, address2".
ADMINS = getaddresses(env.list("ADMINS", default=[]))

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# The site's own cache keys, by default its address ("news.example:443").
CACHE_KEY_PREFIX = env(
    "CACHE_KEY_PREFIX", default=urlsplit(NEWSROOM_SITE_URL).netloc or "newsroom"
)

# Redis, where there is one, is shared by every process and server; it only
# speeds things up (newsroom/cache.py): when it fails, pages come from the
# database. Keys carry the site's prefix, so that sites can share one Redis.
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=0.25)
CACHES = {
    "default": (
        {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
                "retry_seconds": env.float("REDIS_RETRY_SECONDS", default=5),
            },
        }
        if env("REDIS_URL", default="")
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    )
}

# Every cookie: HttpOnly (no script of ours reads one, the CSRF token comes
# in the page or from /comments/challenge/), SameSite=Lax (Django's default),
# Secure under HTTPS. comments/cookies.py does the same for its own.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = HTTPS

CSRF_FAILURE_VIEW = "newsroom.views.csrf_failure"

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {
    "default": {
        **env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        "CONN_HEALTH_CHECKS": True,
        "CONN_MAX_AGE": 600,
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that does not answer (not only one that refuses) fails the
    # request in seconds, with a 503, instead of holding the worker.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several worker processes share one SQLite file: WAL lets readers go on
    # while one writes, and IMMEDIATE transactions take the write lock up
    # front so "check then insert" never fails with "database is locked".
    # The URL may set options of its own (`?timeout=5`).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        **DATABASES["default"].get("OPTIONS", {}),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="newsroom@localhost")

EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_TIMEOUT = 10
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

INSTALLED_APPS = [
    "newsroom",
    "articles",
    "comments",
    "desk",
    "wordpress",
    "privacy_requests",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "captcha",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
]

LANGUAGE_CODE = "en"

# The languages the site ships complete translations for (locale/), each named
# in itself for the footer's switcher. The reader's browser picks one
# (Accept-Language), or the switcher does (a cookie).
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("kk", "Қазақ тілі"),
    ("zh-hans", "简体中文"),
]

LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

LOCALE_PATHS = [BASE_DIR / "locale"]

LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = HTTPS

# Errors and the failures of dependencies (database, cache, mail server) go
# to stderr, one readable line each (with a traceback for errors), and
# server errors to the ADMINS by email.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "skip_service_unavailable": {"()": "newsroom.log.SkipServiceUnavailable"},
    },
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "filters": ["skip_service_unavailable"],
            "formatter": "plain",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "skip_service_unavailable"],
            "level": "ERROR",
        },
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["stderr", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
    },
}

# Notices travel in a signed cookie, not the session, so reading the article
# page after posting costs no database write.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    "comments.embed.EmbedFrameMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "wordpress.permalinks.OldPermalinkMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "newsroom.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
# Behind trusted proxies, believe the scheme they report.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if NEWSROOM_TRUSTED_PROXIES else None
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = HTTPS

SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_SECURE = HTTPS

# Sessions (editors only: readers get none) are read from the cache and kept
# in the database, so a page of the admin costs one query less.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "static/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

TIME_ZONE = env("TIME_ZONE", default="UTC")

USE_I18N = True

USE_TZ = True

WSGI_APPLICATION = "newsroom.wsgi.application"

X_FRAME_OPTIONS = "DENY"

# The Content-Security-Policy header: the site's own scripts, styles and
# images only (CAPTCHA images included); nothing inline, nothing from others.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# django-simple-captcha: a sum that reads like the seed, "2 + 3 =".

CAPTCHA_CHALLENGE_FUNCT = "comments.captcha.sum_challenge"
# The sum read aloud where Debian's flite is installed; without it the form
# offers no audio link.
CAPTCHA_FLITE_PATH = shutil.which("flite")
# The picture's fonts (comments/captcha_image.py): Debian's DejaVu and
# Liberation where installed, else the one django-simple-captcha ships.
CAPTCHA_FONT_PATH = sorted(
    str(path)
    for folder in ("dejavu", "liberation")
    for path in Path("/usr/share/fonts/truetype", folder).glob("*.ttf")
    if "ExtraLight" not in path.name
) or [str(Path(find_spec("captcha").origin).parent / "fonts" / "Vera.ttf")]
CAPTCHA_FONT_SIZE = 30
CAPTCHA_LETTER_ROTATION = (-12, 12)
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_dots",)
# One picture per challenge: the library's double-size view would draw another.
CAPTCHA_2X_IMAGE = False
CAPTCHA_TIMEOUT = 60  # minutes: long enough to write a considered comment
# Test mode accepts "passed" as every answer: never outside local development.
CAPTCHA_TEST_MODE = env.bool("CAPTCHA_TEST_MODE", default=False)
if CAPTCHA_TEST_MODE and not DEBUG:
    sys.exit("CAPTCHA_TEST_MODE must not be on when DEBUG is off.")

# django-axes: lock out repeated failed admin logins from an address;
# `manage.py axes_reset` (or axes_reset_ip / axes_reset_username)
# unlocks.

AXES_CLIENT_IP_CALLABLE = "comments.http.client_ip"
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_TIME", default=1)  # hours
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
# Failures count per address, and per account on each address: a stranger
# cannot lock an editor out of the admin from everywhere else.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_LOCKOUT_TEMPLATE = "axes/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# django-otp: the issuer authenticator apps show next to the code.

OTP_TOTP_ISSUER = "Newsroom"

# django-tasks (the API Django 6.0 adopted) with django-tasks-db: tasks are
# rows of the site's database, run by `manage.py db_worker` (started by
# `make run` and `make serve`). Emails go this way (comments/tasks.py).

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Newsroom.

# Pages with comments for readers without personal cookies: how long a shared HTTP
# cache in front (nginx, a CDN) may serve them as they are, and then while it
# fetches them again.
COMMENTS_CACHE_S_MAXAGE = env.int("COMMENTS_CACHE_S_MAXAGE", default=2)
COMMENTS_CACHE_STALE_WHILE_REVALIDATE = env.int(
    "COMMENTS_CACHE_STALE_WHILE_REVALIDATE", default=30
)

# Emails: how many times the worker tries one, and the wait after the first
# failure (each later wait is three times the one before).
NEWSROOM_EMAIL_ATTEMPTS = env.int("NEWSROOM_EMAIL_ATTEMPTS", default=8)
NEWSROOM_EMAIL_RETRY_SECONDS = env.int("NEWSROOM_EMAIL_RETRY_SECONDS", default=60)

# Readers' own privacy requests (/privacy/): how many in 24 hours per email
# address and per IP address.
PRIVACY_REQUESTS_PER_EMAIL = env.int("PRIVACY_REQUESTS_PER_EMAIL", default=3)
PRIVACY_REQUESTS_PER_ADDRESS = env.int("PRIVACY_REQUESTS_PER_ADDRESS", default=10)

# Discussions: threads, pages, closing, notifications.
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=0)
# For how long the author may edit or delete a comment, from the same browser.
COMMENTS_EDIT_MINUTES = env.int("COMMENTS_EDIT_MINUTES", default=15)
# Sites whose pages may embed discussions with the loader (/comments/embed.js),
# by origin: "https://blog.example,https://shop.example". Only they may frame
# the discussions, have one made for a page of theirs and read the counts.
COMMENTS_EMBED_ORIGINS = env.list("COMMENTS_EMBED_ORIGINS", default=[])
# Avatars from Gravatar instead of identicons drawn here (see comments/avatars.py:
# it tells Gravatar who reads which page, and hashes of commenters' emails).
COMMENTS_GRAVATAR = env.bool("COMMENTS_GRAVATAR", default=False)
if COMMENTS_GRAVATAR:
    CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
        "img-src 'self' data:", "img-src 'self' data: https://www.gravatar.com"
    )
# The thread's order for readers who do not choose: oldest, newest or
# recommended (most recommended first). Replies always read oldest first.
COMMENTS_ORDER = env.str("COMMENTS_ORDER", default="oldest")
if COMMENTS_ORDER not in ("oldest", "newest", "recommended"):
    sys.exit("COMMENTS_ORDER must be oldest, newest or recommended.")
# How many browsers behind one address may recommend the same comment.
COMMENTS_RECOMMENDS_PER_ADDRESS = env.int("COMMENTS_RECOMMENDS_PER_ADDRESS", default=3)
# How long the "most recommended" order of a page may lag behind the counts.
COMMENTS_RECOMMENDED_ORDER_SECONDS = env.int(
    "COMMENTS_RECOMMENDED_ORDER_SECONDS", default=300
)
COMMENTS_NOTIFY_EVERY_COMMENT = env.bool("COMMENTS_NOTIFY_EVERY_COMMENT", default=False)
# Who hears about held comments; empty means the active Editors with an email.
COMMENTS_NOTIFY_RECIPIENTS = env.list("COMMENTS_NOTIFY_RECIPIENTS", default=[])
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=50)
# Readers' reports: an approved comment this many readers report goes back to
# pending; each address may send this many reports an hour.
COMMENTS_REPORTS_TO_HOLD = env.int("COMMENTS_REPORTS_TO_HOLD", default=3)
COMMENTS_REPORTS_PER_HOUR = env.int("COMMENTS_REPORTS_PER_HOUR", default=10)
# Spam and trash older than this are deleted by `manage.py purge_comments`.
COMMENTS_PURGE_AFTER_DAYS = env.int("COMMENTS_PURGE_AFTER_DAYS", default=30)
# How long a rendered thread page may stay cached (changes replace it at once).
COMMENTS_THREAD_CACHE_SECONDS = env.int("COMMENTS_THREAD_CACHE_SECONDS", default=86400)
COMMENTS_THREAD_DEPTH = env.int("COMMENTS_THREAD_DEPTH", default=5)
# How long Redis's copy of an article's page version is trusted before it is
# read again from the database: a change Redis missed shows within this time.
COMMENTS_VERSION_COPY_SECONDS = env.int("COMMENTS_VERSION_COPY_SECONDS", default=5)
# The moderation policy (see comments/moderation.py and the README).
COMMENTS_APPROVE_KNOWN_AUTHORS = env.bool(
    "COMMENTS_APPROVE_KNOWN_AUTHORS", default=False
)
COMMENTS_FLOOD_SECONDS = env.int("COMMENTS_FLOOD_SECONDS", default=15)
COMMENTS_LINK_LIMIT = env.int("COMMENTS_LINK_LIMIT", default=2)
COMMENTS_MANUAL_APPROVAL = env.bool("COMMENTS_MANUAL_APPROVAL", default=True)
COMMENTS_MAX_FORM_AGE = env.int("COMMENTS_MAX_FORM_AGE", default=86400)
COMMENTS_MIN_FORM_SECONDS = env.int("COMMENTS_MIN_FORM_SECONDS", default=3)

# Attempt budgets per network (an IPv4 address, an IPv6 /64), see
# comments/budgets.py: a limit per window of so many seconds. A post without
# the proof of work (a reader without JavaScript) counts as a plain post.
COMMENTS_CHALLENGE_LIMIT = env.int("COMMENTS_CHALLENGE_LIMIT", default=2000)
COMMENTS_CHALLENGE_WINDOW = env.int("COMMENTS_CHALLENGE_WINDOW", default=3600)
COMMENTS_AUDIO_LIMIT = env.int("COMMENTS_AUDIO_LIMIT", default=100)
COMMENTS_AUDIO_WINDOW = env.int("COMMENTS_AUDIO_WINDOW", default=3600)
COMMENTS_WRONG_ANSWER_LIMIT = env.int("COMMENTS_WRONG_ANSWER_LIMIT", default=30)
COMMENTS_WRONG_ANSWER_WINDOW = env.int("COMMENTS_WRONG_ANSWER_WINDOW", default=3600)
COMMENTS_POST_LIMIT = env.int("COMMENTS_POST_LIMIT", default=60)
COMMENTS_POST_WINDOW = env.int("COMMENTS_POST_WINDOW", default=3600)
COMMENTS_PLAIN_POST_LIMIT = env.int("COMMENTS_PLAIN_POST_LIMIT", default=10)
COMMENTS_PLAIN_POST_WINDOW = env.int("COMMENTS_PLAIN_POST_WINDOW", default=3600)
# The proof of work's difficulty: the script tries on average half this many
# SHA-256 hashes (see comments/proof_of_work.py).
COMMENTS_POW_MAX_NUMBER = env.int("COMMENTS_POW_MAX_NUMBER", default=10000)

NEWSROOM_SEEDS_DIR = BASE_DIR / "seeds"
# Staff reach the admin only with a code from an authenticator app (TOTP).
NEWSROOM_TWO_FACTOR = env.bool("NEWSROOM_TWO_FACTOR", default=False)
# Raw IP addresses and user agents are kept this many days for abuse handling,
# then `manage.py apply_retention` truncates the address and drops the agent.
NEWSROOM_IP_RETENTION_DAYS = env.int("NEWSROOM_IP_RETENTION_DAYS", default=60)
