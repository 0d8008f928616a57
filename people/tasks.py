"""Celery tasks of the people app. Tasks are adapters: they take ids or names and call a service.

Queue them with `people.notifications.outbox.enqueue(task, **kwargs)`, never `.delay()` directly.
"""

import uuid

from celery import shared_task
from django.utils import timezone


class EmailsNotSent(Exception):
    """Some emails of a batch failed; raising it makes Celery retry the batch with backoff."""


@shared_task(
    bind=True,
    name="people.send_emails",
    autoretry_for=(EmailsNotSent,),
    retry_backoff=60,  # 60 s, 120 s, 240 s (with jitter), then the emails are marked failed
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=3,
)
def send_emails(self, *, delivery_ids: list[int]) -> int:
    from people.notifications import services

    # Run in-process (no broker, `make run`) there is no worker to retry later: one try, then the
    # failure is recorded for staff, who can send it again.
    final_attempt = self.request.is_eager or self.request.retries >= self.max_retries
    failed = services.emails_send(
        delivery_ids=delivery_ids, claim=self.request.id or uuid.uuid4().hex, final_attempt=final_attempt
    )
    if failed and not final_attempt:
        raise EmailsNotSent(f"{len(failed)} email(s) failed; retrying")
    return len(delivery_ids) - len(failed)


@shared_task(name="people.outbox_drain")
def outbox_drain() -> int:
    from people.notifications.outbox import outbox_dispatch, outbox_prune

    outbox_prune()
    return outbox_dispatch()


@shared_task(name="people.reminder_run")
def reminder_run(*, name: str) -> None:
    from people.notifications.reminders import reminder_run as run

    run(name=name)


@shared_task(name="people.digests_send")
def digests_send() -> int:
    from people.notifications import services

    return services.digests_build(period=services.iso_week(timezone.localdate()))


@shared_task(name="people.roster_cards_clear")
def roster_cards_clear() -> int:
    from people.services import roster_import_clear_expired_cards

    return roster_import_clear_expired_cards()


@shared_task(name="people.privacy_purge")
def privacy_purge() -> int:
    """Nightly: erase people whose school's retention period has run out since they left."""
    from people.privacy.services import privacy_purge

    return privacy_purge()


@shared_task(name="people.emails_release_held")
def emails_release_held() -> int:
    from people.notifications import services

    return services.emails_release_held()
