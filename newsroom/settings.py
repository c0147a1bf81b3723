"""Settings for the Newsroom site.

One module, configured from environment variables with safe local defaults.
Production (DEBUG off) refuses to start without a SECRET_KEY.
"""

import os
import shutil
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set the SECRET_KEY environment variable (or DEBUG=1 for local work)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

# HTTPS: on by default in production. Off only where nothing terminates TLS
# in front of the site (e.g. `make serve` tried out on 127.0.0.1).
HTTPS = env_bool("HTTPS", default=not DEBUG)

# Django settings, alphabetical.

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

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

CACHES = {
    "default": (
        {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

CSRF_COOKIE_SECURE = HTTPS

CSRF_FAILURE_VIEW = "newsroom.views.csrf_failure"

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several worker processes share one SQLite file: WAL lets readers go on
    # while one writes, and IMMEDIATE transactions take the write lock up
    # front so "check then insert" never fails with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_TIMEOUT = 10
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")

INSTALLED_APPS = [
    "newsroom",
    "articles",
    "comments",
    "wordpress",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "captcha",
    "axes",
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

# Notices travel in a signed cookie, not the session, so reading the article
# page after posting costs no database write.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
# Behind trusted proxies, believe the scheme they report.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if int(os.environ.get("TRUSTED_PROXIES", "0"))
    else None
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = HTTPS

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

TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")

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
CAPTCHA_FONT_SIZE = 30
CAPTCHA_LETTER_ROTATION = (-12, 12)
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_dots",)
CAPTCHA_TIMEOUT = 60  # minutes: long enough to write a considered comment
# Test mode accepts "passed" as every answer: never outside local development.
CAPTCHA_TEST_MODE = env_bool("CAPTCHA_TEST_MODE")
if CAPTCHA_TEST_MODE and not DEBUG:
    raise ImproperlyConfigured("CAPTCHA_TEST_MODE must not be on when DEBUG is off.")

# django-axes: lock out repeated failed admin logins, per address and per
# account; `manage.py axes_reset` (or axes_reset_ip / axes_reset_username)
# unlocks.

AXES_CLIENT_IP_CALLABLE = "newsroom.http.client_ip"
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_LOCKOUT_TEMPLATE = "axes/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Newsroom.

# Discussions: threads, pages, closing, notifications.
# Send notification emails from a background thread (off only in tests).
COMMENTS_EMAIL_IN_BACKGROUND = env_bool("COMMENTS_EMAIL_IN_BACKGROUND", default=True)
COMMENTS_CLOSE_AFTER_DAYS = int(os.environ.get("COMMENTS_CLOSE_AFTER_DAYS", "0"))
# For how long the author may edit or delete a comment, from the same browser.
COMMENTS_EDIT_MINUTES = int(os.environ.get("COMMENTS_EDIT_MINUTES", "15"))
# Avatars from Gravatar instead of identicons drawn here (see comments/avatars.py:
# it tells Gravatar who reads which page, and hashes of commenters' emails).
COMMENTS_GRAVATAR = env_bool("COMMENTS_GRAVATAR")
if COMMENTS_GRAVATAR:
    CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
        "img-src 'self' data:", "img-src 'self' data: https://www.gravatar.com"
    )
# The thread's order for readers who do not choose: oldest, newest or
# recommended (most recommended first). Replies always read oldest first.
COMMENTS_ORDER = os.environ.get("COMMENTS_ORDER", "oldest")
if COMMENTS_ORDER not in ("oldest", "newest", "recommended"):
    raise ImproperlyConfigured("COMMENTS_ORDER is oldest, newest or recommended.")
# How many browsers behind one address may recommend the same comment.
COMMENTS_RECOMMENDS_PER_ADDRESS = int(
    os.environ.get("COMMENTS_RECOMMENDS_PER_ADDRESS", "3")
)
# How long the "most recommended" order of a page may lag behind the counts.
COMMENTS_RECOMMENDED_ORDER_SECONDS = int(
    os.environ.get("COMMENTS_RECOMMENDED_ORDER_SECONDS", "300")
)
COMMENTS_NOTIFY_EVERY_COMMENT = env_bool("COMMENTS_NOTIFY_EVERY_COMMENT")
# Who hears about held comments; empty means the active Editors with an email.
COMMENTS_NOTIFY_RECIPIENTS = env_list("COMMENTS_NOTIFY_RECIPIENTS", "")
COMMENTS_PER_PAGE = int(os.environ.get("COMMENTS_PER_PAGE", "50"))
# How long a rendered thread page may stay cached (changes replace it at once).
COMMENTS_THREAD_CACHE_SECONDS = int(
    os.environ.get("COMMENTS_THREAD_CACHE_SECONDS", "86400")
)
COMMENTS_THREAD_DEPTH = int(os.environ.get("COMMENTS_THREAD_DEPTH", "5"))
# Absolute links in emails and feeds point here.
NEWSROOM_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The moderation policy (see comments/moderation.py and the README).
COMMENTS_APPROVE_KNOWN_AUTHORS = env_bool("COMMENTS_APPROVE_KNOWN_AUTHORS")
COMMENTS_FLOOD_SECONDS = int(os.environ.get("COMMENTS_FLOOD_SECONDS", "15"))
COMMENTS_LINK_LIMIT = int(os.environ.get("COMMENTS_LINK_LIMIT", "2"))
COMMENTS_MANUAL_APPROVAL = env_bool("COMMENTS_MANUAL_APPROVAL", default=True)
COMMENTS_MAX_FORM_AGE = int(os.environ.get("COMMENTS_MAX_FORM_AGE", "86400"))
COMMENTS_MIN_FORM_SECONDS = int(os.environ.get("COMMENTS_MIN_FORM_SECONDS", "3"))

NEWSROOM_SEEDS_DIR = BASE_DIR / "seeds"
# How many reverse proxies in front of the site append to X-Forwarded-For;
# 0 trusts no header and takes the address of the connection itself.
NEWSROOM_TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
# Raw IP addresses and user agents are kept this many days for abuse handling,
# then `manage.py apply_retention` truncates the address and drops the agent.
NEWSROOM_IP_RETENTION_DAYS = int(os.environ.get("IP_RETENTION_DAYS", "60"))
