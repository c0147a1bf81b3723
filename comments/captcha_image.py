"""The CAPTCHA's picture: "2 + 3 =" drawn so that a person reads it at a
glance while a machine does not.

Every challenge gets its own drawing: each character in its own font, size,
angle and height, touching its neighbours, crossed by strokes in the ink's
colours, warped by waves and sprinkled with specks, on a tinted ground. The
randomness is seeded by a keyed hash of the challenge's key, so fetching one
challenge again draws the same picture (nothing to average out), while two
challenges with the same sum never look alike.
"""

import io
import math
import random
from functools import lru_cache

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

from .budgets import hashed

WIDTH, HEIGHT = 190, 64
INKS = [(20, 40, 120), (120, 20, 30), (25, 25, 25), (20, 90, 40), (90, 30, 110)]


def captcha_png(challenge, key):
    """PNG bytes of the challenge's picture; the same key draws the same one."""
    rng = random.Random(hashed(key, purpose="comments.captcha-image"))
    image = Image.new("RGB", (WIDTH, HEIGHT), ground(rng))
    draw = ImageDraw.Draw(image)
    inks = rng.sample(INKS, 3)
    scribble(draw, rng, inks, strokes=rng.randint(3, 5), width=1)
    write(image, rng, challenge.split(), inks)
    scribble(draw, rng, inks, strokes=rng.randint(1, 2), width=2)
    image = warp(image, rng)
    speckle(image, rng, inks)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def ground(rng):
    return tuple(rng.randint(225, 250) for _ in range(3))


def write(image, rng, tokens, inks):
    """Each character on its own: font, size, angle, height and spacing vary."""
    x = rng.randint(4, 16)
    for token in tokens:
        font = rng.choice(settings.CAPTCHA_FONT_PATH), rng.randint(30, 40)
        glyph = upright(token, *font)
        tilt = 25 if token.isdigit() else 10  # a "+" tilted far reads as "x"
        angle = rng.uniform(-tilt, tilt)
        glyph = glyph.rotate(angle, resample=Image.BICUBIC, expand=True)
        box = glyph.getbbox()
        if not box:
            continue
        glyph = glyph.crop(box)
        y = (HEIGHT - glyph.height) // 2 + rng.randint(-8, 8)
        image.paste(rng.choice(inks), (x, max(0, y)), glyph)
        x += (
            glyph.width
            + rng.randint(-5, 4)
            + (rng.randint(4, 10) if rng.random() < 0.3 else 0)
        )


def scribble(draw, rng, inks, *, strokes, width):
    """Wavy strokes across the picture, in the ink's own colours."""
    for _ in range(strokes):
        y0, amplitude = rng.uniform(10, HEIGHT - 10), rng.uniform(4, 14)
        period, phase = rng.uniform(40, 120), rng.uniform(0, math.tau)
        start, end = rng.randint(0, 60), rng.randint(WIDTH - 60, WIDTH)
        points = [
            (x, y0 + amplitude * math.sin(phase + x * math.tau / period))
            for x in range(start, end, 4)
        ]
        draw.line(points, fill=rng.choice(inks), width=width)


def warp(image, rng):
    """Bend the picture along two sine waves (a mesh of narrow strips)."""
    amplitude, period = rng.uniform(2, 5), rng.uniform(50, 110)
    phase = rng.uniform(0, math.tau)
    strip = 19  # ten strips: smooth enough at this amplitude
    mesh = []
    for x in range(0, WIDTH, strip):

        def dy(at):
            return amplitude * math.sin(phase + at * math.tau / period)

        right = min(x + strip, WIDTH)
        quad = (
            x,
            dy(x),
            x,
            HEIGHT + dy(x),
            right,
            HEIGHT + dy(right),
            right,
            dy(right),
        )
        mesh.append(((x, 0, right, HEIGHT), quad))
    return image.transform(
        image.size, Image.MESH, mesh, Image.BILINEAR, fillcolor=image.getpixel((0, 0))
    )


# A speck wherever a random byte is above 251: one pixel in 64.
SPECKS = [255 * (value > 251) for value in range(256)]


def speckle(image, rng, inks):
    """Specks of ink and of the ground (one in 60 pixels or so of each)."""
    for colour in (rng.choice(inks), ground(rng)):
        noise = Image.frombytes("L", image.size, rng.randbytes(WIDTH * HEIGHT))
        image.paste(colour, (0, 0), noise.point(SPECKS))


@lru_cache(maxsize=4096)
def upright(token, font, size):
    """The character drawn upright, white on black, cropped to its ink with a
    pixel to spare (kept: drawing costs, and a small glyph turns quicker)."""
    glyph = Image.new("L", (64, 64))
    typeface = ImageFont.truetype(font, size)
    ImageDraw.Draw(glyph).text((32, 32), token, font=typeface, fill=255, anchor="mm")
    left, top, right, bottom = glyph.getbbox() or (0, 0, 64, 64)
    return glyph.crop((left - 1, top - 1, right + 1, bottom + 1))
