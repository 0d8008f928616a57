"""A school's data version: a random token kept in the cache that changes whenever the school's data
changes (the rows `evaluation.receivers` follows), so a read cached under it (`cached_for_school`: the
school report, the dashboard's school-wide lists) is never served stale, and checking it costs one cache
read, no query; a value already read by this process costs nothing more.

`school_data_version(school_id)` reads the token (creating one if the cache has none);
`school_data_changed(school_id)` gives the school a new one once the current transaction commits.
The receivers in `evaluation.receivers` call it for every row the report reads; services that write
such rows without `save()` (`update()`, `bulk_create`) call it themselves.

A new token is random, never a counter: if the cache evicts a school's token, the one made next can
never name a report cached under an older one. With the cache away (Redis down), reads miss and the
report is computed afresh on every request (`coproschool.cache`); a change made during the outage
is missed only if Redis kept its keys, and then for at most the report's cache lifetime.
"""

import secrets
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
# Edits the receivers do not follow (a person's name, a question's wording) show within this time.
CACHE_SECONDS = 15 * 60
# A value kept under a version never changes, so each process also keeps the last ones it read, for
# at most a minute: no cache round trip and no unpickling for the lists every page asks for. Callers
# must not change what they get (copy first). Emptied when full.
LOCAL_SECONDS = 60
LOCAL_ENTRIES = 64
_read_here: dict[str, tuple[float, Any]] = {}


def _key(school_id: int) -> str:
    return f"school-data-version:{school_id}"


def _new_token() -> str:
    return secrets.token_hex(8)


def school_data_version(school_id: int) -> str:
    """The school's current data version. `get_or_set` adds the new token only if none is there and
    reads it back, so two processes starting at once agree on one token."""
    return cache.get_or_set(_key(school_id), _new_token, timeout=None)


def _replace(school_id: int) -> None:
    cache.set(_key(school_id), _new_token(), timeout=None)


def school_data_changed(school_id: int) -> None:
    """Give the school a new data version after the current transaction commits (at once outside
    one): a rolled-back write changes nothing, and no request can cache a report of the old data
    under the new token. `robust`: a failing cache must neither undo the response of a write that is
    already committed nor stop the other on-commit work (tasks queued through the outbox)."""
    # A lambda, not functools.partial: Django names a failing robust callback by its __qualname__.
    transaction.on_commit(lambda: _replace(school_id), robust=True)


def cached_for_school(school_id: int, name: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept under the school's data version: `name` says what it is and with which
    arguments; what it returns is shared, read-only. A release that changes the shape of what
    `compute` returns gives it a new `name`: values the previous release cached stay readable until
    their data changes. The cache is the Redis-tolerant one (`coproschool.cache`): with Redis away
    reads miss and writes are dropped, so the value is computed each time."""
    key = f"{name}:{school_id}:{school_data_version(school_id)}"
    now = time.monotonic()
    kept = _read_here.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]
    value = cache.get_or_set(key, compute, CACHE_SECONDS)
    if len(_read_here) >= LOCAL_ENTRIES:
        _read_here.clear()
    _read_here[key] = (now + LOCAL_SECONDS, value)
    return value
