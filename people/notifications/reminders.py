"""Reminders: periodic notifications that Celery beat runs (CELERY_BEAT_SCHEDULE in settings).

A reminder is a function of today's date that yields `Reminder` messages; `reminder_run` turns each
into one `notify` call. The period of each message (for example the deadline's date) makes it part
of the exactly-once key, so running a reminder twice, on two workers, or every hour, tells each
person once. To add one, decorate a function with `@reminder(name, kind=...)` in the app's own
`reminders` module (imported by its AppConfig.ready: projects/reminders.py, evaluation/reminders.py)
and add a beat entry `{"task": "people.reminder_run", "kwargs": {"name": name}}`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from people.models import Membership, NotificationKind
from people.notifications.services import notify


@dataclass(frozen=True)
class Reminder:
    subject: models.Model | str
    recipients: QuerySet[Membership]
    period: str
    title: str
    body: str = ""
    url: str = ""


@dataclass(frozen=True)
class ReminderType:
    name: str
    kind: NotificationKind
    collect: Callable[[date], Iterable[Reminder]]


REMINDERS: dict[str, ReminderType] = {}


def reminder(name: str, *, kind: NotificationKind):
    def register(collect: Callable[[date], Iterable[Reminder]]):
        REMINDERS[name] = ReminderType(name=name, kind=kind, collect=collect)
        return collect

    return register


def reminder_run(*, name: str, today: date | None = None) -> int:
    """Send every message of reminder `name` due `today`; returns how many messages there were."""
    reminder_type = REMINDERS[name]
    count = 0
    for message in reminder_type.collect(today or timezone.localdate()):
        notify(
            kind=reminder_type.kind,
            subject=message.subject,
            recipients=message.recipients,
            period=message.period,
            title=message.title,
            body=message.body,
            url=message.url,
        )
        count += 1
    return count


def day_name(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def local_day_range(day: date) -> tuple:
    """The aware datetimes [start, end) of `day` in the school's time zone."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)
