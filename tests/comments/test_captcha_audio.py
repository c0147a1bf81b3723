"""The CAPTCHA's sum can be heard as well as seen, where flite is installed."""

import io
import random
import shutil
import wave
from unittest import skipUnless

from captcha.models import CaptchaStore
from django.test import TestCase, override_settings

from comments.captcha_audio import spoken
from tests.factories import captcha_key, make_article

FLITE = shutil.which("flite")


class AudioCaptchaTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def form_with_a_sum(self):
        """The form as it comes back with a sum (the article page has none yet)."""
        return self.client.post(
            f"{self.article.get_absolute_url()}comments/", {"new_challenge": "1"}
        )

    def audio_link(self, response):
        key = captcha_key(response)
        return f'<a class="captcha-audio" href="/captcha/audio/{key}.wav"'

    def test_the_sum_is_read_as_words_twice_in_varied_wording(self):
        readings = {spoken("3 + 8 =", random.Random(seed)) for seed in range(20)}
        assert len(readings) > 5
        for reading in readings:
            assert reading.count("3 plus 8") == 2

    @skipUnless(FLITE, "Debian's flite is not installed")
    @override_settings(CAPTCHA_FLITE_PATH=FLITE)
    def test_no_two_renderings_of_a_sum_are_alike(self):
        key = captcha_key(self.form_with_a_sum())
        first, second = (self.client.get(f"/captcha/audio/{key}.wav") for _ in "12")
        assert first.content != second.content
        for audio in (first, second):
            with wave.open(io.BytesIO(audio.content)) as sound:
                assert sound.getnframes() > sound.getframerate()  # over a second

    @override_settings(CAPTCHA_FLITE_PATH="/usr/bin/flite")
    def test_with_flite_the_form_offers_the_sum_as_audio(self):
        response = self.form_with_a_sum()
        self.assertContains(response, self.audio_link(response))
        self.assertContains(response, "Listen to the sum")

    @override_settings(CAPTCHA_FLITE_PATH="/usr/bin/flite")
    def test_before_the_sum_is_fetched_the_link_waits_hidden(self):
        response = self.client.get(self.article.get_absolute_url())
        self.assertContains(
            response, 'data-url-pattern="/captcha/audio/KEY.wav" hidden>'
        )

    @override_settings(CAPTCHA_FLITE_PATH=None)
    def test_without_flite_there_is_no_audio_link(self):
        response = self.form_with_a_sum()
        self.assertNotContains(response, "captcha-audio")
        key = captcha_key(response)
        assert self.client.get(f"/captcha/audio/{key}.wav").status_code == 404

    def test_the_picture_s_text_alternative_does_not_give_the_answer_away(self):
        response = self.form_with_a_sum()
        store = CaptchaStore.objects.get(hashkey=captcha_key(response))
        self.assertContains(response, 'alt="A sum of two numbers, drawn as a picture"')
        alt = response.content.decode().split('class="captcha-image"')[1]
        alt = alt.split('alt="')[1].split('"')[0]
        assert store.response not in alt
        assert store.challenge.split()[0] not in alt

    @skipUnless(FLITE, "Debian's flite is not installed")
    @override_settings(CAPTCHA_FLITE_PATH=FLITE)
    def test_flite_speaks_the_sum_as_a_wav_file(self):
        response = self.form_with_a_sum()
        audio = self.client.get(f"/captcha/audio/{captcha_key(response)}.wav")
        assert audio.status_code == 200
        assert audio["Content-Type"] == "audio/wav"
        assert audio.content[:4] == b"RIFF" and audio.content[8:12] == b"WAVE"
        assert len(audio.content) > 10_000

    @override_settings(CAPTCHA_FLITE_PATH="/usr/bin/flite")
    def test_an_expired_or_unknown_sum_is_gone(self):
        response = self.form_with_a_sum()
        key = captcha_key(response)
        CaptchaStore.objects.filter(hashkey=key).delete()
        assert self.client.get(f"/captcha/audio/{key}.wav").status_code == 410
