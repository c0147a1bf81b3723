"""The comment form's CAPTCHA: a small sum that reads like "2 + 3 =".

django-simple-captcha stores each challenge with its answer and deletes it
on the first attempt, right or wrong, so an answer can be used only once.
"""

import secrets

from captcha.fields import CaptchaTextInput
from django.urls import reverse


def sum_challenge():
    """Return the challenge text and its answer, for CAPTCHA_CHALLENGE_FUNCT."""
    first, second = 1 + secrets.randbelow(9), 1 + secrets.randbelow(9)
    return f"{first} + {second} =", str(first + second)


class SumCaptchaWidget(CaptchaTextInput):
    """The image, the answer box and a "new sum" control that works without JS."""

    template_name = "comments/widgets/captcha.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["refresh_url"] = reverse("captcha-refresh")
        return context
