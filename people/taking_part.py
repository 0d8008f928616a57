"""Someone took part: the services that write a contribution (what evaluation.figures counts: raising
or backing a need, an idea or a comment, a vote, joining a project, a task, being at a session, a
survey answer) say so here, and the apps above listen (evaluation.invitations stamps
`Invitation.took_part_at`).

People is below projects and evaluation (the import-linter layers), so the services call
`took_part()` and never the listener itself: the same shape as projects' stage-entry hooks.
Listeners run inside the service's transaction, so a contribution rolled back stamps nothing.
"""

from collections.abc import Callable, Iterable
from datetime import datetime

from django.utils import timezone

Listener = Callable[..., None]
_listeners: list[Listener] = []


def on_taking_part(listener: Listener) -> Listener:
    """Register `listener(*, membership_ids: list[int], at: datetime)` (a decorator)."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def took_part(*, membership_ids: Iterable[int], at: datetime | None = None) -> None:
    """These members contributed now (or at `at`). Nothing happens for an empty list."""
    ids = sorted({pk for pk in membership_ids if pk is not None})
    if not ids:
        return
    at = at or timezone.now()
    for listener in _listeners:
        listener(membership_ids=ids, at=at)
