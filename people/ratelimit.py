"""Rate limits: a fixed-window counter per (action, scope, who) in the Django cache.

The limits live in `settings.RATE_LIMITS`: for each action, (limit, window in seconds) per scope —
  "account"  the signed-in person (only they can use up their own allowance);
  "school"   the school the signed-in person acts in: a ceiling for all its members together;
  "login"    the username typed at sign-in *together with* the address it is typed from;
  "address"  the client's IP address, counted only for requests that are not signed in.
A school's pupils usually reach the internet through one public address, so what signed-in members
do is never counted per address: one pupil's spam uses up their own allowance, and the whole school
shares only the school ceiling, sized for all its members.
Sign-in is never limited per username alone. Pupil A failing five times uses up the attempts of
(A, this address) only; only failures count (a successful sign-in gives its attempt back), and the
per-address ceiling fits 2,000 pupils behind one address each mistyping twice in one window. The
limit that remains: someone at B's address who types B's username wrongly on purpose can hold B up
there for one window (15 minutes), never everywhere.
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


def _who(request, scope: str, account: str | int | None, school: int | None) -> str | None:
    """Whom `scope` counts for this request, or None when the scope does not apply to it."""
    if scope == "address":
        user = getattr(request, "user", None)
        return None if user is not None and user.is_authenticated else client_address(request)
    if scope == "school":
        return None if school is None else str(school)
    if account is None:
        return None
    if scope == "login":
        return f"{str(account).casefold()}@{client_address(request)}"
    return str(account)


def hit(request, action: str, *, account: str | int | None = None, school: int | None = None) -> Hits:
    """Count one attempt at `action` by `account` (a user id, or the username typed at sign-in) of
    `school`; raises RateLimited if any of the action's limits that apply is passed."""
    now = time.time()
    hits = Hits()
    for scope, (limit, window) in settings.RATE_LIMITS[action].items():
        who = _who(request, scope, account, school)
        if who is None:
            continue
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
    """Limit a view's POSTs per signed-in person and their school, or per address when not signed in."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                account = request.user.pk if request.user.is_authenticated else None
                membership = getattr(request, "membership", None)
                try:
                    hit(request, action, account=account, school=membership.school_id if membership else None)
                except RateLimited as error:
                    return too_many_requests(request, error)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
