import pytest

from evaluation import services
from tests.factories import QuestionFactory, SurveyFactory


@pytest.fixture
def survey(school):
    """An open anonymous survey for all pupils: a required Likert question and an optional text one."""
    survey = SurveyFactory(school=school, title="How school feels")
    QuestionFactory(survey=survey, type="likert5", text="I like school.")
    QuestionFactory(survey=survey, type="short_text", text="Anything else?", required=False)
    return survey


@pytest.fixture
def submit():
    """Submit answers given as {question order: value}."""

    def submit(survey, membership, by_order: dict):
        questions = {q.order: q.pk for q in survey.questions.all()}
        return services.response_submit(
            survey=survey, membership=membership, answers={questions[o]: v for o, v in by_order.items()}
        )

    return submit
