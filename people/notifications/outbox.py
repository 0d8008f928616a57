"""Queue Celery tasks safely: after the transaction commits, and never lost when Redis is down.

`enqueue(task, **kwargs)` writes an `OutboxMessage` in the caller's transaction. After the commit it
is handed to the broker; if the broker cannot be reached the web request still succeeds and the row
stays pending until the periodic `people.outbox_drain` task (Celery beat) hands it over. Every app
uses this instead of calling `.delay()` directly.
"""

import logging
from datetime import timedelta
from functools import partial

from celery import current_app
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError

from people.models import OutboxMessage

logger = logging.getLogger(__name__)

DRAIN_BATCH_SIZE = 500
# Handed-over messages are kept this long (to look into what was queued), then pruned by the drain.
KEEP_DISPATCHED = timedelta(days=7)


def enqueue(task, /, **kwargs) -> OutboxMessage:
    """Queue `task` (a Celery task) with JSON-serialisable keyword arguments once the transaction commits."""
    message = OutboxMessage.objects.create(task_name=task.name, kwargs=kwargs)
    transaction.on_commit(partial(outbox_dispatch, message_ids=[message.pk]))
    return message


def outbox_dispatch(*, message_ids: list[int] | None = None, limit: int = DRAIN_BATCH_SIZE) -> int:
    """Hand pending messages to the broker; returns how many were handed over.

    Each message is claimed with a conditional UPDATE first, so the on-commit hook and the drain (or
    two drains) never queue the same message twice. If the broker is unreachable the claim is undone
    and the remaining messages are left for the next drain.
    """
    pending = OutboxMessage.objects.filter(dispatched_at__isnull=True).order_by("created_at", "pk")
    if message_ids is not None:
        pending = pending.filter(pk__in=message_ids)
    dispatched = 0
    for message in pending[:limit]:
        claimed = OutboxMessage.objects.filter(pk=message.pk, dispatched_at__isnull=True).update(
            dispatched_at=timezone.now(), attempts=F("attempts") + 1
        )
        if claimed != 1:
            continue
        task = current_app.tasks.get(message.task_name)
        if task is None:
            _release(message, f"No task named {message.task_name!r} is registered.")
            logger.error("Outbox message %s names an unknown task %r", message.pk, message.task_name)
            continue
        try:
            task.apply_async(kwargs=message.kwargs, retry=False)
        except OperationalError as error:
            _release(message, str(error))
            logger.warning("Broker unreachable; outbox messages wait for the next drain: %s", error)
            break
        dispatched += 1
    return dispatched


def _release(message: OutboxMessage, error: str) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(dispatched_at=None, last_error=error[:1000])


def outbox_prune() -> int:
    """Delete messages handed over more than KEEP_DISPATCHED ago; pending ones are never deleted."""
    cutoff = timezone.now() - KEEP_DISPATCHED
    deleted, _ = OutboxMessage.objects.filter(dispatched_at__lt=cutoff).delete()
    return deleted
