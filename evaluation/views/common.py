"""Helpers shared by the survey pages: lookups within the request's school, and the answer step."""

from django.http import Http404

from coproschool.steps import step_at
from evaluation import selectors, services
from evaluation.models import Question, Survey

BUILD = "evaluation.build_surveys"


def survey_in_school(request, pk: int) -> Survey:
    """A survey of the request's school (else 404); one past its closing time is closed first."""
    try:
        survey = selectors.survey_get(school=request.school, pk=pk)
        if services.survey_close_if_due(survey=survey):
            survey = selectors.survey_get(school=request.school, pk=pk)
        return survey
    except Survey.DoesNotExist:
        raise Http404("No such survey in your school.") from None


def question_in_survey(survey: Survey, pk: int) -> Question:
    try:
        return selectors.question_get(survey=survey, pk=pk)
    except Question.DoesNotExist:
        raise Http404("No such question in this survey.") from None


def step_number(request, count: int) -> int:
    """The question number asked for (?q=N), kept within 1..count; nonsense means the first."""
    return step_at(request.GET.get("q"), count).number


def step_context(survey: Survey, questions: list[Question], number: int, *, error=None, **extra) -> dict:
    step = step_at(str(number), len(questions))
    question = questions[step.number - 1]
    hint = question.help or question.kind.hint
    return {
        "survey": survey,
        "question": question,
        "hint": hint,
        "error": error,
        # Screen readers read the hint and the error with the field they belong to.
        "describedby": " ".join(name for name, shown in (("answer-hint", hint), ("answer-error", error)) if shown),
        "step": step,
        "number": step.number,
        "count": step.count,
        **extra,
    }
