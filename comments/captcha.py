"""The comment form's CAPTCHA: a small sum that reads like "2 + 3 =".

django-simple-captcha stores each challenge with its answer and deletes it
on the first attempt, right or wrong, so an answer can be used only once.
"""

import re
import secrets

from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY = re.compile(r"[0-9a-f]{40}")


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
