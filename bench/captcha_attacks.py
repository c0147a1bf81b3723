"""The bots' attacks on the CAPTCHA's picture and sound, as a bench measures
them: tesseract OCR, a classifier trained on labelled pictures, and lookups
of the sound among recordings of every sum."""

import hashlib
import io
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps
from sklearn.ensemble import ExtraTreesClassifier

from comments.captcha import SUMS, sum_challenge
from comments.captcha_audio import captcha_wav
from comments.captcha_image import captcha_png

OCR = ["--psm", "7", "-c", "tessedit_char_whitelist=0123456789+="]
APT_ENV = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}


def ensure_tesseract():
    """Install Debian's tesseract-ocr if it is missing (the bench runs as root)."""
    if shutil.which("tesseract"):
        return
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=APT_ENV)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "tesseract-ocr"], check=True, env=APT_ENV
    )


def fresh_pictures(count):
    """(PNG, answer) of `count` new challenges, each under a key of its own."""
    for _ in range(count):
        challenge, answer = sum_challenge()
        yield captcha_png(challenge, secrets.token_hex(20)), answer


def cleaned(png):
    """What a careful attacker feeds OCR: grey, twice the size, specks removed,
    black on white."""
    grey = ImageOps.grayscale(Image.open(io.BytesIO(png)))
    grey = grey.resize((grey.width * 2, grey.height * 2)).filter(
        ImageFilter.MedianFilter(5)
    )
    return grey.point(lambda value: 255 * (value > 150))


def ocr_answer(image):
    with tempfile.NamedTemporaryFile(suffix=".png") as file:
        image.save(file.name)
        text = subprocess.run(
            ["tesseract", file.name, "-", *OCR],
            capture_output=True,
            text=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # one picture, one core
        ).stdout
    digits = re.findall(r"\d", text)
    return str(int(digits[0]) + int(digits[1])) if len(digits) >= 2 else ""


def tesseract_rates(count):
    """Solve rates of tesseract on fresh pictures: as served, and cleaned."""
    plain = careful = 0
    for png, answer in fresh_pictures(count):
        plain += ocr_answer(Image.open(io.BytesIO(png))) == answer
        careful += ocr_answer(cleaned(png)) == answer
    return plain / count, careful / count


def pixels(png):
    grey = ImageOps.grayscale(Image.open(io.BytesIO(png))).resize((95, 32))
    return np.asarray(grey, dtype=np.float32).ravel() / 255


def labelled_pictures(count):
    rows, labels = [], []
    for _ in range(count):
        challenge, _answer = sum_challenge()
        first, _plus, second, _equals = challenge.split()
        rows.append(pixels(captcha_png(challenge, secrets.token_hex(20))))
        labels.append((int(first), int(second)))
    return np.array(rows), np.array(labels)


def classifier_rate(train, test):
    """A forest of extremely randomised trees learns both numbers of the sum
    from `train` labelled pictures; its solve rate on `test` fresh ones."""
    features, labels = labelled_pictures(train)
    model = ExtraTreesClassifier(n_estimators=300, n_jobs=-1, random_state=1)
    model.fit(features, labels)
    trial, truth = labelled_pictures(test)
    guessed = model.predict(trial)
    return float((guessed.sum(axis=1) == truth.sum(axis=1)).mean())


def flite(text, *voice):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sum.wav"
        subprocess.run(["flite", *voice, "-t", text, "-o", str(path)], check=True)
        return path.read_bytes()


def old_reading(first, second):
    """What the site said before: one wording, flite's default voice."""
    words = f"{first} plus {second}"
    return f"What is {words}? Once more: {words}."


def audio_rates(count):
    """Byte-for-byte and nearest-match lookups of fresh renderings among
    recordings the attacker made of every sum (the site's old reading, in
    each of flite's voices)."""
    voices = [(), ("-voice", "slt"), ("-voice", "awb"), ("-voice", "rms")]
    library = [
        (str(first + second), flite(old_reading(first, second), *voice))
        for first, second in SUMS
        for voice in voices
    ]
    digests = {hashlib.sha256(wav).digest(): answer for answer, wav in library}
    prints = np.array([fingerprint(wav) for _answer, wav in library])
    answers = [answer for answer, _wav in library]
    exact = nearest = 0
    for _ in range(count):
        challenge, answer = sum_challenge()
        wav = captcha_wav(challenge)
        exact += digests.get(hashlib.sha256(wav).digest()) == answer
        distances = np.linalg.norm(prints - fingerprint(wav), axis=1)
        nearest += answers[int(distances.argmin())] == answer
    return exact / count, nearest / count


def fingerprint(wav, frames=120, bands=24):
    """A sound's spectrogram in `bands` bands, stretched to `frames` frames and
    normalised: close for two readings of the same words at any loudness."""
    with wave.open(io.BytesIO(wav)) as sound:
        rate = sound.getframerate()
        samples = np.frombuffer(sound.readframes(sound.getnframes()), np.int16)
    samples = samples.astype(np.float32)
    step = rate // 100
    windows = np.lib.stride_tricks.sliding_window_view(samples, 2 * step)[::step]
    spectrum = np.abs(np.fft.rfft(windows * np.hanning(2 * step), axis=1))
    banded = np.log1p(
        np.add.reduceat(
            spectrum, np.linspace(0, spectrum.shape[1] - 1, bands, dtype=int), axis=1
        )
    )
    loud = banded.sum(axis=1) > np.percentile(banded.sum(axis=1), 30)
    banded = banded[loud] if loud.any() else banded
    timeline = np.linspace(0, len(banded) - 1, frames)
    stretched = np.array(
        [np.interp(timeline, np.arange(len(banded)), band) for band in banded.T]
    )
    stretched -= stretched.mean(axis=1, keepdims=True)
    return (stretched / (stretched.std() or 1)).ravel()
