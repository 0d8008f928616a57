"""Reminders run by beat: each person is reminded once per occurrence, however often the task runs."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from evaluation.models import SurveyCompletion
from people.models import Notification, NotificationKind
from people.notifications.reminders import REMINDERS, reminder_run
from people.tasks import reminder_run as reminder_run_task
from projects.models import Project, ProjectMembership, ProjectRole, Stage, StageDeadline, StageTransition, VoterRecord
from tests.factories import DecisionFactory, IdeaFactory, PupilFactory, SessionFactory, SurveyFactory, TaskFactory

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


def at_local(day: date, hour: int):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def test_vote_closing_tomorrow_reminds_eligible_people_who_have_not_voted(project, django_capture_on_commit_callbacks):
    voted, not_voted = ProjectMembership.objects.filter(project=project, role=ProjectRole.MEMBER)
    opened = at_local(TODAY, 0) - timedelta(days=3)  # a fixed day: the factory's "an hour ago" would move on
    decision = DecisionFactory(project=project, opens_at=opened, closes_at=at_local(TODAY + timedelta(1), 15))
    VoterRecord.objects.create(decision=decision, membership=voted.membership, voted_on=TODAY)
    DecisionFactory(project=project, opens_at=opened, closes_at=at_local(TODAY + timedelta(days=3), 15))  # not tomorrow
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            assert reminder_run(name="vote_closing", today=TODAY) == 1
    reminded = set(Notification.objects.filter(kind=NotificationKind.VOTE_CLOSING).values_list("recipient", flat=True))
    assert voted.membership_id not in reminded
    assert not_voted.membership_id in reminded
    assert Notification.objects.filter(recipient=not_voted.membership).count() == 1


def test_survey_closing_tomorrow_reminds_only_who_has_not_answered(school, django_capture_on_commit_callbacks):
    answered, waiting = PupilFactory(school=school), PupilFactory(school=school)
    survey = SurveyFactory(school=school, anonymous=True, closes_at=at_local(TODAY + timedelta(days=1), 17))
    SurveyCompletion.objects.create(survey=survey, membership=answered, completed_on=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminder_run(name="survey_closing", today=TODAY) == 1
        assert reminder_run(name="survey_closing", today=TODAY) == 1
    assert list(Notification.objects.values_list("recipient", flat=True)) == [waiting.pk]
    assert Notification.objects.get().url == f"/surveys/{survey.pk}/"


def test_session_tomorrow_reminds_the_project_members(project, django_capture_on_commit_callbacks):
    SessionFactory(project=project, held_on=TODAY + timedelta(days=1), place="Room 4")
    SessionFactory(project=project, held_on=TODAY + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminder_run(name="session_tomorrow", today=TODAY) == 1
    assert Notification.objects.filter(kind=NotificationKind.SESSION_TOMORROW).count() == 3
    assert Notification.objects.first().title == "Quiet room: session tomorrow at Room 4"


def test_overdue_task_reminds_owners_and_facilitators_once_per_due_date(
    project, staff, django_capture_on_commit_callbacks
):
    owner = ProjectMembership.objects.filter(project=project, role=ProjectRole.MEMBER).first().membership
    task = TaskFactory(project=project, due_on=TODAY - timedelta(days=1))
    task.owners.add(owner)
    TaskFactory(project=project, due_on=TODAY - timedelta(days=1), status="done")
    with django_capture_on_commit_callbacks(execute=True):
        reminder_run(name="task_overdue", today=TODAY)
        reminder_run(name="task_overdue", today=TODAY + timedelta(days=1))
    reminded = Notification.objects.filter(kind=NotificationKind.TASK_OVERDUE)
    assert sorted(reminded.values_list("recipient", flat=True)) == sorted([owner.pk, staff.pk])


def test_facilitator_digest_says_what_moved_what_is_stuck_and_who_was_not_heard(
    project, staff, django_capture_on_commit_callbacks
):
    heard, quiet = (pm.membership for pm in ProjectMembership.objects.filter(project=project, role=ProjectRole.MEMBER))
    StageTransition.objects.create(project=project, actor=staff, from_stage=Stage.CO_IDENTIFY, to_stage=Stage.CO_DESIGN)
    TaskFactory(project=project, title="Buy seeds", due_on=timezone.localdate() - timedelta(days=1))
    IdeaFactory(project=project, created_by=heard, authors=[heard])
    with django_capture_on_commit_callbacks(execute=True):
        reminder_run(name="facilitator_digest")
        reminder_run(name="facilitator_digest")
    digest = Notification.objects.get(kind=NotificationKind.FACILITATOR_DIGEST)
    assert digest.recipient == staff
    assert "Moved from Co-identify to Co-design" in digest.body
    assert "Overdue: Buy seeds" in digest.body
    assert quiet.user.display_name in digest.body
    assert heard.user.display_name not in digest.body
