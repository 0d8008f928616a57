"""Rate limits: a fixed-window counter per (action, scope, who) in the Django cache.

The limits live in `settings.RATE_LIMITS`: for each action, (limit, window in seconds) per scope —
  "account"  the signed-in person (only they can use up their own allowance);
  "login"    the username typed at sign-in *together with* the address it is typed from;
  "address"  the client's IP address alone, with a much higher ceiling (a school is often one address).
Sign-in is never limited per username alone. Pupil A failing five times uses up the attempts of
(A, this address) only: pupil B signs in from the same school computer until the per-address ceiling,
which is forty times higher. The limit that remains: someone at B's address who types B's username
wrongly on purpose can hold B up there for one window (15 minutes), never everywhere.
Counting is `cache.add` (start the window at 0) then `cache.incr`, both atomic in Redis (the
production cache) and under a lock in the local-memory cache, so parallel requests cannot slip past
the limit.

Use `@rate_limit("comment")` on a view (POSTs only), or `hit()` / `Hits.undo()` directly.
"""

import contextlib
import hashlib
import logging
import time
from dataclasses import dataclass, field
from functools import wraps

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

logger = logging.getLogger(__name__)


class RateLimited(Exception):
    def __init__(self, action: str, retry_after: int):
        super().__init__(f"Too many attempts at {action}; try again in {retry_after} seconds.")
        self.action = action
        self.retry_after = retry_after


@dataclass
class Hits:
    """The counters one attempt incremented, so a successful sign-in can give its attempt back."""

    keys: list[str] = field(default_factory=list)

    def undo(self) -> None:
        for key in self.keys:
            # ValueError: the window ended in the meantime, so there is nothing left to give back.
            with contextlib.suppress(ValueError):
                cache.decr(key)


def client_address(request) -> str:
    """The client's IP, as allauth sees it (ALLAUTH_TRUSTED_PROXY_COUNT decides whom to trust)."""
    return get_adapter(request).get_client_ip(request)


def _key(action: str, scope: str, who: str, window: int, now: float) -> str:
    # Hashed so usernames and addresses are not stored in the cache in clear.
    digest = hashlib.sha256(f"{action}:{scope}:{who}".encode()).hexdigest()[:32]
    return f"rl:{action}:{scope}:{digest}:{int(now // window)}"


def _count(key: str, window: int) -> int:
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: this attempt opens the next window
        cache.add(key, 1, timeout=window)
        return 1


def hit(request, action: str, *, account: str | int | None = None) -> Hits:
    """Count one attempt at `action` by `account` (a user id, or the username typed at sign-in);
    raises RateLimited if any of the action's limits is passed."""
    limits = settings.RATE_LIMITS[action]
    address = client_address(request)
    now = time.time()
    hits = Hits()
    for scope, (limit, window) in limits.items():
        if scope == "address":
            who = address
        elif account is None:
            continue
        elif scope == "login":
            who = f"{str(account).casefold()}@{address}"
        else:
            who = str(account)
        key = _key(action, scope, who, window, now)
        count = _count(key, window)
        hits.keys.append(key)
        if count > limit:
            logger.warning("Rate limit %s/%s passed (%s in %ss)", action, scope, count, window)
            raise RateLimited(action, retry_after=window - int(now % window))
    return hits


def too_many_requests(request, error: RateLimited | None = None):
    """The friendly 429 page (also what allauth's own limits render: templates/429.html)."""
    response = render(request, "429.html", {"retry_after": error.retry_after if error else None}, status=429)
    if error:
        response["Retry-After"] = str(error.retry_after)
    return response


def rate_limit(action: str):
    """Limit a view's POSTs per signed-in person and per address."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                account = request.user.pk if request.user.is_authenticated else None
                try:
                    hit(request, action, account=account)
                except RateLimited as error:
                    return too_many_requests(request, error)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
