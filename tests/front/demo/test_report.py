"""seed_demo's completed project: moved through the stage service, with figures big enough to show."""

import time

import pytest
from django.core.management import call_command

from evaluation.models import ReportSignOff, SurveyStatus
from evaluation.reports.project import project_report
from front.demo.report import BEFORE_POINTS, TITLE, seed_completed_project
from projects.models import Project, Stage, StageTransition
from tests.factories import LeaderFactory, PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_one_completed_project_with_a_full_report(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    project = Project.objects.get(title=TITLE)
    assert project.stage == Stage.COMPLETED
    moves = list(StageTransition.objects.filter(project=project).values_list("to_stage", "is_override"))
    assert moves == [(stage.value, False) for stage in list(Stage)[1:]]
    assert ReportSignOff.objects.filter(project=project).count() == 1
    assert set(project.surveys.values_list("status", flat=True)) == {SurveyStatus.CLOSED}

    report = project_report(project=project)
    [pair] = report["prepost"]
    assert pair["rows"] and all(row["n_before"] == str(len(BEFORE_POINTS)) for row in pair["rows"])
    assert all(row["mean_change"].startswith("+") for row in pair["rows"])
    assert report["delivery"]["done"] == 3 and report["delivery"]["deferred"] == 1
    assert report["participation"]["sessions_held"] == 3
    assert report["decisions"][0]["adopted"] and report["decisions"][0]["winners"]
    assert {s["kind"]: len(s["texts"]) for s in report["reflections"]}["did_not_work"] == 2
    assert report["free_text"] and not report["free_text"][0]["suppressed"]


@pytest.mark.timing
def test_the_completed_project_seeds_in_a_few_seconds(school):
    """About 0.6 s on an idle machine; the bound leaves room for a busy CI runner."""
    StaffFactory(school=school)
    LeaderFactory(school=school)
    PupilFactory.create_batch(36, school=school)
    started = time.monotonic()
    project = seed_completed_project(school)
    assert time.monotonic() - started < 5
    assert project.stage == Stage.COMPLETED
    assert seed_completed_project(school) is None  # the second run leaves it as it is
