"""Reminders run by beat: each person is reminded once per occurrence, however often the task runs."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from people.models import Notification, NotificationKind
from people.notifications.reminders import REMINDERS, reminder_run
from people.tasks import reminder_run as reminder_run_task
from projects.models import Project, ProjectMembership, ProjectRole, Stage, StageDeadline
from tests.factories import PupilFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture
def project(school, staff):
    project = Project.objects.create(school=school, title="Quiet room", summary="A calm space", stage=Stage.CO_DESIGN)
    ProjectMembership.objects.create(project=project, membership=staff, role=ProjectRole.FACILITATOR)
    for _ in range(2):
        ProjectMembership.objects.create(project=project, membership=PupilFactory(school=school))
    return project


def test_stage_deadline_in_two_days_reminds_every_member_once(project, mailoutbox, django_capture_on_commit_callbacks):
    deadline = StageDeadline.objects.create(project=project, stage=Stage.CO_DESIGN, due_on=TODAY + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminder_run(name="stage_deadline", today=TODAY) == 1
        assert reminder_run(name="stage_deadline", today=TODAY) == 1
    reminders = Notification.objects.filter(kind=NotificationKind.STAGE_DEADLINE)
    assert reminders.count() == 3
    assert set(reminders.values_list("subject", flat=True)) == {f"projects.stagedeadline:{deadline.pk}"}
    assert reminders.first().title == "Quiet room: Co-design ends on Wednesday 25 November"
    assert len(mailoutbox) == 1  # the facilitator; the pupils have no email address


def test_deadline_of_another_stage_or_day_is_not_reminded(project, django_capture_on_commit_callbacks):
    StageDeadline.objects.create(project=project, stage=Stage.CO_DECIDE, due_on=TODAY + timedelta(days=2))
    StageDeadline.objects.create(project=project, stage=Stage.CO_DESIGN, due_on=TODAY + timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminder_run(name="stage_deadline", today=TODAY) == 0
    assert not Notification.objects.exists()


def test_beat_task_runs_the_named_reminder_for_today(project, django_capture_on_commit_callbacks):
    StageDeadline.objects.create(
        project=project, stage=Stage.CO_DESIGN, due_on=timezone.localdate() + timedelta(days=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        reminder_run_task.delay(name="stage_deadline")
    assert Notification.objects.count() == 3


def test_every_beat_reminder_is_registered(settings):
    names = {
        entry["kwargs"]["name"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "people.reminder_run"
    }
    assert names and names <= set(REMINDERS)
