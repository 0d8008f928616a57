"""Entering co-design opens the project's "before" surveys; entering co-evaluate its "after" ones."""

import pytest

from evaluation.models import SurveyStatus
from projects.models import Stage
from projects.services.stages import project_move_stage
from tests.factories import SurveyFactory

pytestmark = pytest.mark.django_db


def test_stage_entry_opens_the_before_then_the_after_survey(project, facilitator, pair, move_to):
    before, after = pair(status=SurveyStatus.DRAFT)
    unrelated = SurveyFactory(school=project.school, status=SurveyStatus.DRAFT)
    project_move_stage(project=project, actor=facilitator, to_stage=Stage.CO_DESIGN, override=True, reason="go")
    before.refresh_from_db(), after.refresh_from_db()
    assert (before.status, after.status) == (SurveyStatus.OPEN, SurveyStatus.DRAFT)
    move_to(project, Stage.CO_DELIVER)
    after.refresh_from_db()
    assert after.status == SurveyStatus.DRAFT
    project_move_stage(project=project, actor=facilitator, to_stage=Stage.CO_EVALUATE, override=True, reason="go")
    after.refresh_from_db(), unrelated.refresh_from_db()
    assert after.status == SurveyStatus.OPEN and unrelated.status == SurveyStatus.DRAFT


def test_a_failing_stage_move_opens_nothing(project, lead, pair):
    from projects.errors import NotAllowed

    before, _after = pair(status=SurveyStatus.DRAFT)
    with pytest.raises(NotAllowed):
        project_move_stage(project=project, actor=lead, to_stage=Stage.CO_DESIGN, override=True, reason="go")
    before.refresh_from_db()
    assert before.status == SurveyStatus.DRAFT


def test_the_audience_is_told_when_a_project_survey_opens(
    project, facilitator, pair, django_capture_on_commit_callbacks
):
    from people.models import Notification
    from tests.factories import PupilFactory

    before, _after = pair(status=SurveyStatus.DRAFT)
    pupils = PupilFactory.create_batch(2, school=project.school)
    with django_capture_on_commit_callbacks():
        project_move_stage(project=project, actor=facilitator, to_stage=Stage.CO_DESIGN, override=True, reason="go")
    told = Notification.objects.filter(title=f"New survey: {before.title}")
    assert set(told.values_list("recipient_id", flat=True)) >= {pupil.pk for pupil in pupils}
    assert not told.filter(recipient=facilitator).exists()  # staff are not in a pupils' survey's audience
