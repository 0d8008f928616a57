"""Pre/post changes read from stored answers of a before survey and its after twin."""

import pytest

from evaluation import results, services
from evaluation.models import Survey
from tests.factories import PupilFactory, QuestionFactory, SurveyFactory
from tests.holding import held_flush

pytestmark = pytest.mark.django_db

BEFORE = [2, 3, 3, 4, 3]  # worked example 1 in test_stats: mean change 1.0, d 1.41421
AFTER = [4, 4, 3, 5, 4]


@pytest.fixture
def twins(school, staff):
    before = SurveyFactory(school=school, pairing="before", title="Confidence")
    QuestionFactory(survey=before, type="likert5", text="I can speak up.")
    QuestionFactory(survey=before, type="short_text", text="Why?", required=False)
    after = services.survey_create_twin(survey=before, actor=staff)
    Survey.objects.filter(pk=after.pk).update(status="open")
    return Survey.objects.select_related("twin").get(pk=before.pk)


def answer(survey, pupil, value):
    question = survey.questions.get(type="likert5")
    services.response_submit(survey=survey, membership=pupil, answers={question.pk: value})
    held_flush()  # results read what the mover has moved (tests/holding.py)


def test_anonymous_twins_are_compared_as_two_groups(school, twins, django_assert_num_queries):
    for value in BEFORE:
        answer(twins, PupilFactory(school=school), value)
    for value in AFTER:
        answer(twins.twin, PupilFactory(school=school), value)
    with django_assert_num_queries(2):
        changes = results.prepost_changes(before=twins)
    [(question, change)] = changes  # the text question is not a scale
    assert question.text == "I can speak up."
    assert (change.n_before, change.n_after, change.paired) == (5, 5, False)
    assert change.mean_change == pytest.approx(1.0)
    assert change.effect_size == pytest.approx(1.41421, abs=1e-5)


def test_named_twins_are_paired_person_by_person(school, twins):
    Survey.objects.filter(pk__in=[twins.pk, twins.twin_id]).update(anonymous=False)
    twins.refresh_from_db()
    pupils = PupilFactory.create_batch(6, school=school)
    for pupil, value in zip(pupils, BEFORE, strict=False):
        answer(twins, pupil, value)
    for pupil, value in zip(pupils, AFTER, strict=False):
        answer(twins.twin, pupil, value)
    answer(twins.twin, pupils[5], 1)  # answered only after: not a pair, left out
    [(_question, change)] = results.prepost_changes(before=twins)
    assert (change.n_before, change.n_after, change.paired) == (5, 5, True)
    assert change.mean_change == pytest.approx(1.0)


def test_a_survey_without_a_twin_has_no_changes(survey):
    assert results.prepost_changes(before=survey) == []
