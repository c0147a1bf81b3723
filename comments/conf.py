"""The settings the comments app reads, with the values a host project gets
when it sets none of them (the Newsroom site reads each from the environment
in newsroom/settings.py; the README lists what they mean)."""

from importlib.util import find_spec
from pathlib import Path

from django.conf import settings

DEFAULTS = {
    # Whether the site is served over HTTPS: cookies are Secure then.
    "HTTPS": False,
    # Absolute links in emails and feeds point here.
    "NEWSROOM_SITE_URL": "http://127.0.0.1:8000",
    "NEWSROOM_TRUSTED_PROXIES": 0,
    "NEWSROOM_IP_RETENTION_DAYS": 60,
    "NEWSROOM_EMAIL_ATTEMPTS": 8,
    "NEWSROOM_EMAIL_RETRY_SECONDS": 60,
    "CAPTCHA_FLITE_PATH": None,
    # The font django-simple-captcha ships (the site picks Debian's).
    "CAPTCHA_FONT_PATH": [
        str(Path(find_spec("captcha").origin).parent / "fonts" / "Vera.ttf")
    ],
    "CAPTCHA_TIMEOUT": 60,
    "COMMENTS_AUDIO_LIMIT": 100,
    "COMMENTS_AUDIO_WINDOW": 3600,
    "COMMENTS_CHALLENGE_LIMIT": 2000,
    "COMMENTS_CACHE_S_MAXAGE": 2,
    "COMMENTS_CACHE_STALE_WHILE_REVALIDATE": 30,
    "COMMENTS_CHALLENGE_WINDOW": 3600,
    "COMMENTS_APPROVE_KNOWN_AUTHORS": False,
    "COMMENTS_CLOSE_AFTER_DAYS": 0,
    "COMMENTS_EDIT_MINUTES": 15,
    "COMMENTS_EMBED_ORIGINS": [],
    "COMMENTS_FLOOD_SECONDS": 15,
    "COMMENTS_GRAVATAR": False,
    "COMMENTS_LINK_LIMIT": 2,
    "COMMENTS_MANUAL_APPROVAL": True,
    "COMMENTS_MAX_FORM_AGE": 86400,
    "COMMENTS_MIN_FORM_SECONDS": 3,
    "COMMENTS_NOTIFY_EVERY_COMMENT": False,
    "COMMENTS_NOTIFY_RECIPIENTS": [],
    "COMMENTS_ORDER": "oldest",
    "COMMENTS_PER_PAGE": 50,
    "COMMENTS_PLAIN_POST_LIMIT": 10,
    "COMMENTS_PLAIN_POST_WINDOW": 3600,
    "COMMENTS_POST_LIMIT": 60,
    "COMMENTS_POST_WINDOW": 3600,
    "COMMENTS_POW_MAX_NUMBER": 10000,
    "COMMENTS_PURGE_AFTER_DAYS": 30,
    "COMMENTS_RECOMMENDED_ORDER_SECONDS": 300,
    "COMMENTS_RECOMMENDS_PER_ADDRESS": 3,
    "COMMENTS_REPORTS_PER_HOUR": 10,
    "COMMENTS_REPORTS_TO_HOLD": 3,
    "COMMENTS_THREAD_CACHE_SECONDS": 86400,
    "COMMENTS_THREAD_DEPTH": 5,
    "COMMENTS_VERSION_COPY_SECONDS": 5,
    "COMMENTS_WRONG_ANSWER_LIMIT": 30,
    "COMMENTS_WRONG_ANSWER_WINDOW": 3600,
}


def apply_defaults():
    """Fill in what the host project's settings leave out."""
    for name, value in DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
