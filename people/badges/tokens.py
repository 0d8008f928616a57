"""What a badge carries: a signed token in its QR code and a short code to type. Both are made once,
printed, and only their keyed hashes (HMAC with SECRET_KEY) are stored."""

import re
import secrets
from dataclasses import dataclass

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "people.badges"
VERSION = "b1"
# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: what a pupil reads off a card they can type back. 25 symbols, 8 long.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 8


@dataclass(frozen=True)
class TokenClaim:
    """What a token says, before or after its signature was checked."""

    school_id: int
    badge_id: int
    secret: str


def secret_generate() -> str:
    return secrets.token_urlsafe(16)


def code_generate() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_normalise(typed: str) -> str:
    """ "acde-fg hj" → "ACDEFGHJ": case, spaces and dashes do not matter."""
    return re.sub(r"[\s\-]", "", typed).upper()


def code_display(code: str) -> str:
    """Printed in two groups of four, easier to copy: "ACDE-FGHJ"."""
    return f"{code[:4]}-{code[4:]}"


def keyed_hash(kind: str, value: str) -> str:
    return salted_hmac(f"{SALT}.{kind}", value, algorithm="sha256").hexdigest()


def hash_matches(kind: str, value: str, stored: str) -> bool:
    return constant_time_compare(keyed_hash(kind, value), stored)


def token_make(*, school_id: int, badge_id: int, secret: str) -> str:
    return signing.Signer(salt=SALT).sign(f"{VERSION}.{school_id}.{badge_id}.{secret}")


def _claim(value: str) -> TokenClaim | None:
    parts = value.split(".", 3)
    if len(parts) != 4 or parts[0] != VERSION or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return TokenClaim(school_id=int(parts[1]), badge_id=int(parts[2]), secret=parts[3])


def token_read(token: str) -> TokenClaim:
    """The claim of a token whose signature holds; raises signing.BadSignature otherwise."""
    claim = _claim(signing.Signer(salt=SALT).unsign(token.strip()))
    if claim is None:
        raise signing.BadSignature("not a badge token")
    return claim


def token_claim_unchecked(token: str) -> TokenClaim | None:
    """What a token that failed its signature claims to be, only to file the refusal under that badge."""
    value, _, _ = token.strip().rpartition(":")
    return _claim(value)
