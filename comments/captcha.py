"""The comment form's CAPTCHA: a small sum that reads like "2 + 3 =".

django-simple-captcha stores each challenge with its answer and deletes it
on the first attempt, right or wrong, so an answer can be used only once.
"""

import re
import secrets
import subprocess
import tempfile
from pathlib import Path

from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

KEY = re.compile(r"[0-9a-f]{40}")


def sum_challenge():
    """Return the challenge text and its answer, for CAPTCHA_CHALLENGE_FUNCT."""
    first, second = 1 + secrets.randbelow(9), 1 + secrets.randbelow(9)
    return f"{first} + {second} =", str(first + second)


def spoken(challenge):
    """The sum as words for flite: "3 + 8 =" becomes "What is 3 plus 8?".

    flite has English voices only, so these words are not translated.
    """
    words = " ".join(challenge.replace("+", " plus ").replace("=", " ").split())
    return f"What is {words}? Once more: {words}."


def speaks_language():
    """Whether the sum can be heard in the page's language (flite: English)."""
    return bool(settings.CAPTCHA_FLITE_PATH) and get_language().startswith("en")


def speak(text):
    """WAV audio of `text`, made by Debian's flite."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sum.wav"
        subprocess.run(
            [settings.CAPTCHA_FLITE_PATH, "-t", text, "-o", str(path)],
            check=True,
            capture_output=True,
            timeout=10,
        )
        return path.read_bytes()


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
        key, answer = [*(value or []), "", ""][:2]
        live = bool(answer) and is_live(key)
        try:
            return super().clean(value)
        except ValidationError:
            if answer and not live:
                raise ValidationError(
                    self.error_messages["gone"], code="gone"
                ) from None
            raise


def is_live(key):
    """Whether a challenge key exists and has not expired (before it is spent)."""
    return bool(KEY.fullmatch(key or "")) and (
        CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now()).exists()
    )
