"""The CAPTCHA's sum read aloud, for readers who cannot see the picture.

Debian's flite speaks it, and no two renderings are alike: the wording, the
voice, its speed and pitch, the silence before it, the loudness and the
background (hiss, a hum and a murmur of other words, mixed in here) are
drawn anew for every request, so a bot
cannot look the sound up among recordings of every sum. flite has English
voices only, so the words are not translated.
"""

import io
import math
import random
import subprocess
import tempfile
import wave
from array import array
from pathlib import Path

from django.conf import settings

QUESTIONS = [
    "What is {sum}?",
    "How much is {sum}?",
    "Please add up {sum}.",
    "Tell me {sum}.",
    "Work out {sum}.",
]
REPEATS = ["Once more: {sum}.", "Again, {sum}.", "That was {sum}.", "Repeat: {sum}."]
VOICES = ["slt", "kal16", "awb", "rms"]  # the 16 kHz voices
# Words murmured behind the sum, never numbers: a voice in another room.
MURMUR = [
    "market",
    "weather",
    "river",
    "garden",
    "morning",
    "station",
    "letter",
    "window",
    "paper",
    "village",
    "kitchen",
    "evening",
    "travel",
    "corner",
    "yellow",
    "silver",
    "orange",
    "coffee",
]


def spoken(challenge, rng):
    """The sum as words: "3 + 8 =" becomes, say, "How much is 3 plus 8?"."""
    words = " ".join(challenge.replace("+", " plus ").replace("=", " ").split())
    question = rng.choice(QUESTIONS).format(sum=words)
    return f"{question} {rng.choice(REPEATS).format(sum=words)}"


def captcha_wav(challenge):
    """WAV audio of the sum, different at every call."""
    rng = random.SystemRandom()
    murmur = speak(" ".join(rng.choices(MURMUR, k=14)), rng)
    return noisy(speak(spoken(challenge, rng), rng), murmur, rng)


def speak(text, rng):
    """flite's reading of `text` in a voice, speed and pitch drawn by `rng`."""
    features = {
        "duration_stretch": rng.uniform(0.9, 1.25),
        "int_f0_target_mean": rng.uniform(85, 175),
    }
    options = [
        arg
        for name, value in features.items()
        for arg in ("--setf", f"{name}={value:.3f}")
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sum.wav"
        subprocess.run(
            [
                settings.CAPTCHA_FLITE_PATH,
                "-voice",
                rng.choice(VOICES),
                *options,
                "-t",
                text,
                "-o",
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=10,
        )
        return path.read_bytes()


def samples(wav):
    with wave.open(io.BytesIO(wav)) as source:
        rate, frames = source.getframerate(), source.readframes(source.getnframes())
    return rate, array("h", frames).tolist()


def noisy(wav, murmur, rng):
    """The speech with silence before it, a new loudness, hiss, a hum and a
    murmur of other words behind it."""
    rate, voice = samples(wav)
    _rate, behind = samples(murmur)
    lead = [0] * int(rate * rng.uniform(0.1, 0.8))
    speech = lead + voice + [0] * (rate // 4)
    behind = (behind * (len(speech) // max(len(behind), 1) + 1))[: len(speech)]
    gain, quiet = rng.uniform(0.55, 0.95), rng.uniform(0.12, 0.22)
    hiss = rng.uniform(600, 1800)
    hum, pitch = rng.uniform(300, 1200), rng.uniform(60, 320) * math.tau / rate
    noise = array("h", rng.randbytes(2 * len(speech)))
    mixed = array("h")
    for index, (sample, other) in enumerate(zip(speech, behind, strict=True)):
        value = (
            sample * gain
            + other * quiet
            + noise[index] * hiss / 32768
            + hum * math.sin(pitch * index)
        )
        mixed.append(max(-32768, min(32767, int(value))))
    out = io.BytesIO()
    with wave.open(out, "wb") as target:
        target.setnchannels(1)
        target.setsampwidth(2)
        target.setframerate(rate)
        target.writeframes(mixed.tobytes())
    return out.getvalue()
