"""Usernames and one-time passwords that an 11-year-old can read off a card and type.

Every one-time password goes through `one_time_password_hash`: the configured hasher, for
imports and resets alike.
"""

import re
import secrets
import unicodedata
from collections.abc import Iterable

from django.contrib.auth.hashers import make_password
from django.db.models.functions import Lower

from people.models import User

# Short, common, unambiguous words. Digits 2-9 only: no 0/O or 1/l/I confusion.
WORDS = """
acorn amber anchor apple arrow autumn badger bakery banana basket beacon beetle berry biscuit
blanket blossom bottle branch breeze bridge bright bubble bucket button cabin cactus camera
candle canyon carrot castle cement cheese cherry circle cloud clover cobweb comet copper coral
cotton cousin coyote crayon cricket crystal cupcake dancer desert diamond dinner dolphin donkey
dragon dream eagle engine falcon feather ferry fiddle field forest fossil fountain fox garden
giant ginger glacier globe goose grape gravel guitar hammer harbour hazel helmet hero honey
hopper island jacket jelly jigsaw jungle kettle kitten ladder lantern lemon letter lizard
magnet mango maple marble meadow melon meteor mirror mitten monkey moose morning muffin
nature needle nectar noodle ocean orange orbit otter paddle panda parcel parrot peach pebble
pencil pepper piano pickle pillow planet pocket pony potato puffin puzzle quartz rabbit radar
rainbow raven river rocket rover saddle salmon sandal season shadow shell silver skate sparrow
spider spring squash squirrel star summer sunset super swan table tiger timber toast tomato
tractor travel tulip tunnel turtle velvet violin wagon walnut whale window winter wizard
yellow zebra
""".split()  # noqa: SIM905 - a block of words is easier to review than a list literal
DIGITS = "23456789"
USERNAME_FIRST_NAME_LETTERS = 10


def one_time_password_generate() -> str:
    """E.g. "tiger-lemon-472": about 24 bits, valid only until the first sign-in, and sign-in
    attempts are rate-limited (ACCOUNT_RATE_LIMITS)."""
    first, second = secrets.choice(WORDS), secrets.choice(WORDS)
    return f"{first}-{second}-{''.join(secrets.choice(DIGITS) for _ in range(3))}"


def one_time_password_hash(password: str) -> str:
    """Hash a one-time password with the configured hasher (Argon2id, ~20 ms), like any password."""
    return make_password(password)


def _ascii_letters(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", folded.lower())


def username_base(first_name: str, last_name: str) -> str:
    """ "Amélie O'Neil" → "amelieo": first name and last initial, lowercase ASCII."""
    first = _ascii_letters(first_name)[:USERNAME_FIRST_NAME_LETTERS]
    return (first + _ascii_letters(last_name)[:1]) or "pupil"


def usernames_generate(names: Iterable[tuple[str, str]], *, reserved: set[str]) -> list[str]:
    """One unique username per (first, last) name, none already taken or in `reserved`.

    Candidates get a two-digit number; the ones already taken are looked up in one query per
    round and re-drawn (a third digit once a base gets crowded).
    """
    names = list(names)
    bases = [username_base(first, last) for first, last in names]
    chosen: list[str | None] = [None] * len(names)
    taken = {name.lower() for name in reserved}
    pending = list(range(len(names)))
    digits = 2
    while pending:
        candidates = {}
        for index in pending:
            candidate = f"{bases[index]}{secrets.randbelow(9 * 10 ** (digits - 1)) + 10 ** (digits - 1)}"
            if candidate not in taken and candidate not in candidates:
                candidates[candidate] = index
        # Sign-in matches usernames case-insensitively, so "AmaraS12" also takes "amaras12".
        in_database = set(
            User.objects.annotate(lower=Lower("username"))
            .filter(lower__in=list(candidates))
            .values_list("lower", flat=True)
        )
        for candidate, index in candidates.items():
            if candidate not in in_database:
                chosen[index] = candidate
            taken.add(candidate)
        pending = [index for index in pending if chosen[index] is None]
        digits = min(digits + 1, 6)
    return chosen
