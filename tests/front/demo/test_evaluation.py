import pytest

from evaluation import results
from evaluation.models import Response, Survey, SurveyCompletion
from front.demo.evaluation import DEMO_ANSWER_COUNT, seed_evaluation
from tests.factories import PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_seed_evaluation_is_idempotent_and_has_answers_to_show(school):
    StaffFactory(school=school)
    PupilFactory.create_batch(DEMO_ANSWER_COUNT + 3, school=school)
    seed_evaluation(school)
    seed_evaluation(school)
    assert sorted(Survey.objects.filter(school=school).values_list("template_key", "pairing", "status")) == [
        ("pupil_confidence", "after", "closed"),
        ("pupil_confidence", "before", "closed"),
        ("pupil_engagement", "", "open"),
        ("staff_view", "", "draft"),
    ]
    for survey in Survey.objects.exclude(template_key="staff_view"):
        assert Response.objects.filter(survey=survey).count() == DEMO_ANSWER_COUNT
        assert SurveyCompletion.objects.filter(survey=survey).count() == DEMO_ANSWER_COUNT


def test_demo_before_and_after_show_a_rise(school):
    StaffFactory(school=school)
    PupilFactory.create_batch(DEMO_ANSWER_COUNT, school=school)
    seed_evaluation(school)
    before = Survey.objects.select_related("twin").get(pairing="before")
    changes = results.prepost_changes(before=before)
    assert len(changes) == 7  # six agree/disagree items and one 0-10 scale
    assert all(change.mean_change > 0 and change.n == DEMO_ANSWER_COUNT for _question, change in changes)
