"""A proof of work for readers with JavaScript, the ALTCHA way.

Each CAPTCHA challenge comes with a puzzle: find the number n (at most
COMMENTS_POW_MAX_NUMBER) for which SHA-256(salt + n) is the given hash. The
page's script finds it with Web Crypto while the reader writes; a bot pays
the same work for every comment. The salt names the challenge's key and its
expiry and the puzzle is signed (HMAC), so a solution is good for that one
challenge only and is spent when the sum is. The `altcha` library makes and
checks the puzzles; no third party is involved.
"""

import base64
import binascii
import datetime
import json

from altcha import (
    PayloadV1,
    create_challenge_v1,
    solve_challenge_v1,
    verify_solution_v1,
)
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

TEXT_FIELDS = ("algorithm", "challenge", "salt", "signature")


def signing_key():
    return salted_hmac("comments.proof-of-work", "puzzles").hexdigest()


def puzzle(key):
    """The puzzle that goes with the challenge `key`, as the script reads it."""
    expires = timezone.now() + datetime.timedelta(minutes=settings.CAPTCHA_TIMEOUT)
    challenge = create_challenge_v1(
        algorithm="SHA-256",
        max_number=settings.COMMENTS_POW_MAX_NUMBER,
        hmac_key=signing_key(),
        expires=expires,
        params={"key": key},
    )
    return challenge.to_dict()


def solved(proof, key):
    """Whether `proof` (the script's base64 JSON) solves the puzzle of `key`."""
    payload = decoded(proof)
    if payload is None:
        return False
    verified, _error = verify_solution_v1(payload, signing_key())
    _nonce, _expires, params = PayloadV1.from_dict(payload).parse_salt()
    return verified and params.get("key") == [key]


def decoded(proof):
    """The payload as a dict of the expected types, or None."""
    try:
        payload = json.loads(base64.b64decode(proof, validate=True))
    except (binascii.Error, ValueError):
        return None
    if not isinstance(payload, dict) or type(payload.get("number")) is not int:
        return None
    if not all(isinstance(payload.get(name), str) for name in TEXT_FIELDS):
        return None
    return payload


def solve(puzzle):
    """What the page's script sends for `puzzle`, found by Python's hashlib
    (for the tests and the bench, which post as the script does)."""
    found = solve_challenge_v1(
        puzzle["challenge"], puzzle["salt"], puzzle["algorithm"], puzzle["maxNumber"]
    )
    return proof(puzzle, found.number)


def proof(puzzle, number):
    """The proof for `puzzle` with `number` as its solution, right or not."""
    payload = {name: puzzle[name] for name in TEXT_FIELDS} | {"number": number}
    return base64.b64encode(json.dumps(payload).encode()).decode()
