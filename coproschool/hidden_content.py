"""A token per school that changes when staff hide or restore content there (a need, a comment, an
idea, a reflection), for the one read kept for minutes: the school report. Keyed under it, a report
that names what was just hidden is never served again: hidden content vanishes on the next request.

Only hides and restores renew it, which are rare: the busy writes (backings, ballots, answers) never
do, so the report's cache is not emptied while pupils take part (issue 16). `content_hidden(school_id)`
is called by each hiding service; `hidden_content_version(school_id)` is read by the cached report.
A new token is random, never a counter: if the cache evicts it, the next one cannot name a report
kept under an older one. With Redis away, nothing is kept and the report is computed each time.
"""

import secrets

from django.core.cache import cache
from django.db import transaction


def _key(school_id: int) -> str:
    return f"hidden-content-version:{school_id}"


def _new_token() -> str:
    return secrets.token_hex(8)


def hidden_content_version(school_id: int) -> str:
    """The school's current token; `get_or_set` lets two processes starting at once agree on one."""
    return cache.get_or_set(_key(school_id), _new_token, timeout=None)


def content_hidden(school_id: int) -> None:
    """Give the school a new token once the hide commits (a rolled-back hide changes nothing, and no
    request can keep a report read before the hide under the new token). `robust`: a failing cache
    must not undo the response of a hide that is already committed."""
    # A lambda, not functools.partial: Django names a failing robust callback by its __qualname__.
    transaction.on_commit(lambda: cache.set(_key(school_id), _new_token(), timeout=None), robust=True)
