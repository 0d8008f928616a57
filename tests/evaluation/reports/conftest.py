import pytest

from evaluation.models import Pairing, SurveyStatus
from tests.factories import (
    PupilFactory,
    QuestionFactory,
    SurveyFactory,
)
from tests.holding import held_flush


@pytest.fixture
def pair(project):
    """An open anonymous before/after pair for all pupils, linked to the project, with one Likert
    question in both and a short-text question in the after survey. `of` another project."""

    def make(*, of=None, anonymous: bool = True, status: str = SurveyStatus.OPEN):
        of = of or project
        before = SurveyFactory(school=of.school, project=of, pairing=Pairing.BEFORE, anonymous=anonymous, status=status)
        after = SurveyFactory(
            school=of.school, project=of, pairing=Pairing.AFTER, anonymous=anonymous, status=status, twin=before
        )
        before.twin = after
        before.save(update_fields=["twin"])
        for survey in (before, after):
            QuestionFactory(survey=survey, type="likert5", text="I speak up in meetings.")
        QuestionFactory(survey=after, type="short_text", text="What did not work?", required=False)
        return before, after

    return make


@pytest.fixture
def answer(submit):
    """`answer(survey, [values of question 1], texts=[...])`: one new pupil per value."""

    def run(survey, values, texts=()):
        for index, value in enumerate(values):
            pupil = PupilFactory(school=survey.school)
            by_order = {1: value}
            if index < len(texts):
                by_order[2] = texts[index]
            submit(survey, pupil, by_order)
        held_flush()  # the results read what the mover has moved (tests/holding.py)

    return run
