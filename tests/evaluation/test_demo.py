import pytest

from evaluation.demo import DEMO_ANSWER_COUNT, seed_evaluation
from evaluation.models import Response, Survey, SurveyCompletion
from tests.factories import PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_seed_evaluation_is_idempotent_and_has_answers_to_show(school):
    StaffFactory(school=school)
    PupilFactory.create_batch(DEMO_ANSWER_COUNT + 3, school=school)
    seed_evaluation(school)
    seed_evaluation(school)
    assert set(Survey.objects.filter(school=school).values_list("template_key", "status")) == {
        ("pupil_engagement", "open"),
        ("staff_view", "draft"),
    }
    engagement = Survey.objects.get(template_key="pupil_engagement")
    assert Response.objects.filter(survey=engagement).count() == DEMO_ANSWER_COUNT
    assert SurveyCompletion.objects.filter(survey=engagement).count() == DEMO_ANSWER_COUNT
