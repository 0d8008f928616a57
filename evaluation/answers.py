"""Turning what a person typed or picked into a stored answer, with a clear message when it is wrong.

`clean_answer(question, raw)` takes the submitted strings (a list, as `QueryDict.getlist` gives)
and returns the value kept in a draft and then in an `Answer`, as the question's kind decides
(evaluation/questions/kinds/); None for a skipped optional one.
"""

from evaluation.models import Answer, Question
from evaluation.questions.registry import AnswerError

__all__ = ["AnswerError", "answer_label", "answer_row", "clean_answer"]


def clean_answer(question: Question, raw: list[str]):
    return question.kind.clean(question, raw)


def answer_row(question: Question, value) -> Answer:
    """An unsaved Answer holding `value` in its kind's column."""
    return Answer(question=question, **{question.kind.column: value})


def answer_label(question: Question, value) -> str:
    """How an answer reads back to the person (on the check-your-answers page)."""
    if value is None or value == "" or value == []:
        return "Not answered"
    return question.kind.read_back(question, value)
