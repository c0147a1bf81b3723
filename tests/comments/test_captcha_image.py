"""The CAPTCHA's picture: one drawing per challenge, never the same twice."""

import base64
import io

from captcha.models import CaptchaStore
from django.test import TestCase
from PIL import Image

from comments.captcha_image import captcha_png

AJAX = {"X-Requested-With": "XMLHttpRequest"}


class CaptchaImageTests(TestCase):
    def fetch(self):
        return self.client.get("/comments/challenge/", headers=AJAX).json()

    def test_one_challenge_always_draws_the_same_picture(self):
        key = self.fetch()["key"]
        first, second = (self.client.get(f"/captcha/image/{key}/") for _ in "12")
        assert first["Content-Type"] == "image/png"
        assert first.content == second.content
        assert Image.open(io.BytesIO(first.content)).size == (190, 64)

    def test_the_same_sum_never_draws_the_same_picture(self):
        pictures = {captcha_png("2 + 3 =", f"{n:040x}") for n in range(20)}
        assert len(pictures) == 20

    def test_the_challenge_carries_its_picture(self):
        challenge = self.fetch()
        picture = self.client.get(challenge["image_url"]).content
        prefix = "data:image/png;base64,"
        assert challenge["image"].startswith(prefix)
        assert challenge["image"].removeprefix(prefix).encode() == (
            base64.b64encode(picture)
        )

    def test_there_is_no_double_size_picture(self):
        key = self.fetch()["key"]
        assert self.client.get(f"/captcha/image/{key}@2/").status_code == 404

    def test_a_spent_or_unknown_challenge_is_gone(self):
        key = self.fetch()["key"]
        CaptchaStore.objects.filter(hashkey=key).delete()
        assert self.client.get(f"/captcha/image/{key}/").status_code == 410
        assert self.client.get("/captcha/image/nothing/").status_code == 410
