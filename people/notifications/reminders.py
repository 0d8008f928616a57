"""Reminders: periodic notifications that Celery beat runs (CELERY_BEAT_SCHEDULE in settings).

A reminder is a function of today's date that yields `Reminder` messages; `reminder_run` turns each
into one `notify` call. The period of each message (for example the deadline's date) makes it part
of the exactly-once key, so running a reminder twice, on two workers, or every hour, tells each
person once. To add one, decorate a function with `@reminder(name, kind=...)` in a module that is
imported here and add a beat entry `{"task": "people.reminder_run", "kwargs": {"name": name}}`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.db.models import F, QuerySet
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


STAGE_DEADLINE_NOTICE = timedelta(days=2)


@reminder("stage_deadline", kind=NotificationKind.STAGE_DEADLINE)
def stage_deadlines_soon(today: date) -> Iterable[Reminder]:
    """The deadline of a project's current stage is in two days: tell the project's members."""
    from projects.models import StageDeadline

    due_on = today + STAGE_DEADLINE_NOTICE
    deadlines = StageDeadline.objects.filter(due_on=due_on, stage=F("project__stage")).select_related("project")
    for deadline in deadlines:
        project = deadline.project
        yield Reminder(
            subject=deadline,
            recipients=Membership.objects.filter(project_memberships__project=project),
            period=due_on.isoformat(),
            title=f"{project.title}: {deadline.get_stage_display()} ends on {due_on:%A} {due_on.day} {due_on:%B}",
            body=f"The {deadline.get_stage_display().lower()} stage of {project.title} is due to finish in two days.",
        )
