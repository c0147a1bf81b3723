"""The comment form's CAPTCHA: a small sum that reads like "2 + 3 =".

django-simple-captcha stores each challenge with its answer. The first
attempt, right or wrong, spends it: one DELETE that returns the answer, so
of many requests racing with the same solved sum only the one whose DELETE
removed the row is accepted, on every database and across servers.
"""

import json
import re
import secrets

from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .proof_of_work import puzzle

KEY = re.compile(r"[0-9a-f]{40}")


# "2 + 3 =" up to "29 + 9 =": a person adds them at a glance, and no answer
# comes up more often than 9 times in 261 (3.4 %), so a bot that guesses,
# or half-reads the picture, gets little (with 1 to 9 on both sides, "10"
# was right 1 time in 9).
FIRST, SECOND = range(1, 30), range(1, 10)
SUMS = [(first, second) for first in FIRST for second in SECOND]


def sum_challenge():
    """Return the challenge text and its answer, for CAPTCHA_CHALLENGE_FUNCT."""
    first, second = secrets.choice(FIRST), secrets.choice(SECOND)
    return f"{first} + {second} =", str(first + second)


def speaks_language():
    """Whether the sum can be heard in the page's language (flite: English)."""
    return bool(settings.CAPTCHA_FLITE_PATH) and get_language().startswith("en")


class SumCaptchaWidget(CaptchaTextInput):
    """The image, a link to hear the sum, the answer box and a "new sum"
    control that works without JS.

    A lazy widget draws no challenge: django-simple-captcha writes a row for
    every challenge, and the article page must write nothing. The browser
    asks for a challenge when the reader starts on the form; without
    JavaScript, the "Show the sum" button asks the server for the form with
    one (the reader's text kept).
    """

    template_name = "comments/widgets/captcha.html"
    lazy = False

    def render(self, name, value, attrs=None, renderer=None):
        if not self.lazy:
            return super().render(name, value, attrs, renderer)
        self._key = ""
        return forms.MultiWidget.render(self, name, ["", ""], attrs, renderer)

    def get_context(self, name, value, attrs):
        context = forms.MultiWidget.get_context(self, name, value, attrs)
        hidden, answer = context["widget"]["subwidgets"]
        # Valid HTML: `required` means nothing on a hidden input, and
        # `autocorrect` (Safari's) is no HTML attribute.
        hidden["attrs"].pop("required", None)
        answer["attrs"].pop("autocorrect", None)
        answer["attrs"]["inputmode"] = "numeric"
        context["image"] = self._key and self.image_url()
        context["puzzle"] = self._key and json.dumps(puzzle(self._key))
        context["refresh_url"] = reverse("comments:challenge")
        # The library reads its settings once, at import; ours are live. The
        # pattern lets the page's script point the link at a fetched challenge.
        context["audio_note"] = settings.CAPTCHA_FLITE_PATH and not speaks_language()
        if speaks_language():
            pattern = reverse("comments:captcha-audio", args=["KEY"])
            context["audio_pattern"] = pattern
            context["audio"] = self._key and pattern.replace("KEY", self._key)
        return context


class SumCaptchaField(CaptchaField):
    """Tells a wrong answer apart from a sum that expired, was used or forged."""

    messages = {
        "required": _("Please solve the sum."),
        "incomplete": _("Please solve the sum."),
        "invalid": _("That answer is not right. Please solve the new sum."),
        "gone": _(
            "That sum has expired or was already used. Please solve the new sum."
        ),
    }

    def __init__(self, **kwargs):
        super().__init__(
            widget=SumCaptchaWidget(), error_messages=self.messages, **kwargs
        )

    def clean(self, value):
        key, answer = [str(part or "") for part in [*(value or []), "", ""][:2]]
        if not answer.strip():
            raise ValidationError(self.error_messages["required"], code="required")
        expected = spend(key)
        if expected is None:
            raise ValidationError(self.error_messages["gone"], code="gone")
        if answer.strip().lower() != expected:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return f"{key},{expected}"


def spend(key):
    """Delete a live challenge and return its answer; None if it was not
    there (expired, never made, or spent by a request that won the race)."""
    if not KEY.fullmatch(key or ""):
        return None
    table = connection.ops.quote_name(CaptchaStore._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE hashkey = %s AND expiration > %s "
            "RETURNING response",
            [key, timezone.now()],
        )
        rows = cursor.fetchall()
    return rows[0][0] if rows else None
