"""The movers of held answers and ballots run on their own: in beat's schedule, and in the embedded
install's in-process beat (no Redis, eager Celery), as `make run` serves it."""

import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from evaluation.models import HeldResponse, Response
from evaluation.services import response_submit
from projects.models import Ballot, HeldBallot
from projects.services.voting import ballot_cast
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    ProjectMembershipFactory,
    PupilFactory,
    QuestionFactory,
    SurveyFactory,
)


def test_both_movers_are_in_the_beat_schedule_every_minute():
    tasks = {entry["task"]: entry["schedule"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks["evaluation.move_held_answers"] == 60.0
    assert tasks["projects.move_held_ballots"] == 60.0


def _due(name: str, task: str) -> None:
    # As if the server had been down past the job's minute: due at once, not a minute from now.
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=60, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name=name, task=task, interval=every_minute, last_run_at=timezone.now() - timedelta(hours=1)
    )


@pytest.mark.django_db(transaction=True)
def test_the_in_process_beat_moves_held_answers_and_ballots_by_itself(settings, monkeypatch, school, project):
    from coproschool import celery

    survey = SurveyFactory(school=school)
    question = QuestionFactory(survey=survey, type="likert5")
    for _ in range(10):
        response_submit(survey=survey, membership=PupilFactory(school=school), answers={question.pk: "4"})
    ideas = [IdeaFactory(project=project, is_shortlisted=True) for _ in range(2)]
    decision = DecisionFactory(project=project, options=ideas)
    for i in range(10):
        ballot_cast(decision=decision, voter=ProjectMembershipFactory(project=project).membership,
                    choices=[ideas[i % 2].pk])  # fmt: skip
    assert not Response.objects.exists() and not Ballot.objects.exists()
    _due("move-held-answers", "evaluation.move_held_answers")
    _due("move-held-ballots", "projects.move_held_ballots")
    settings.SCHEDULE_IN_PROCESS = True
    monkeypatch.setattr(celery, "_in_process_beat", None)

    thread = celery.beat_start_in_process()
    try:
        deadline = time.monotonic() + 30
        while Response.objects.count() < 5 or Ballot.objects.count() < 5:
            assert time.monotonic() < deadline, "the in-process beat did not move the held answers and ballots"
            time.sleep(0.2)
    finally:
        thread.stop()
    # A step of 5, and 5 kept back so the last step at close is never smaller.
    assert (Response.objects.count(), HeldResponse.objects.count()) == (5, 5)
    assert (Ballot.objects.count(), HeldBallot.objects.count()) == (5, 5)
