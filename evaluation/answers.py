"""Turning what a person typed or picked into a stored answer, with a clear message when it is wrong.

`clean_answer(question, raw)` takes the submitted strings (a list, as `QueryDict.getlist` gives)
and returns the value kept in a draft and then in an `Answer`: an int for Likert, 0-10, pick-one
and yes/no; a sorted list of ints for pick-any; a string for text; None for a skipped optional one.
"""

from coproschool.text import without_control_characters
from evaluation.models import LIKERT_LABELS, Answer, Question, QuestionType

MISSING = {
    QuestionType.LIKERT5: "Please choose how much you agree: this question needs an answer.",
    QuestionType.SCALE0_10: "Please choose a number from 0 to 10: this question needs an answer.",
    QuestionType.SINGLE: "Please choose one of the options: this question needs an answer.",
    QuestionType.MULTIPLE: "Please choose at least one option: this question needs an answer.",
    QuestionType.YES_NO: "Please choose Yes or No: this question needs an answer.",
    QuestionType.SHORT_TEXT: "Please write an answer: this question needs one.",
    QuestionType.LONG_TEXT: "Please write an answer: this question needs one.",
}
OUT_OF_RANGE = {
    QuestionType.LIKERT5: f"Choose one of the five answers, from “{LIKERT_LABELS[0]}” to “{LIKERT_LABELS[-1]}”.",
    QuestionType.SCALE0_10: "Choose a whole number from 0 to 10.",
    QuestionType.SINGLE: "That is not one of the options. Choose one of the options shown.",
    QuestionType.MULTIPLE: "That is not one of the options. Choose only from the options shown.",
    QuestionType.YES_NO: "Choose Yes or No.",
}
ONLY_ONE = "Choose only one answer."


class AnswerError(ValueError):
    """A bad answer; the message is written for the person answering."""


def clean_answer(question: Question, raw: list[str]):
    values = [value.strip() for value in raw if value.strip()]
    if not values:
        if question.required:
            raise AnswerError(MISSING[question.type])
        return None
    if question.is_text:
        return _clean_text(question, raw)
    allowed = {value for value, _label in question.options()}
    try:
        numbers = [int(value) for value in values]
    except ValueError:
        raise AnswerError(OUT_OF_RANGE[question.type]) from None
    if any(number not in allowed for number in numbers):
        raise AnswerError(OUT_OF_RANGE[question.type])
    if question.type == QuestionType.MULTIPLE:
        return sorted(set(numbers))
    if len(numbers) > 1:
        raise AnswerError(ONLY_ONE)
    return numbers[0]


def _clean_text(question: Question, raw: list[str]) -> str:
    if len(raw) > 1:
        raise AnswerError(ONLY_ONE)
    text = without_control_characters(raw[0].replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        if question.required:
            raise AnswerError(MISSING[question.type])
        return None
    if len(text) > question.max_length:
        raise AnswerError(
            f"Your answer is {len(text)} characters long; the most this question takes is "
            f"{question.max_length}. Please make it shorter."
        )
    return text


def answer_row(question: Question, value) -> Answer:
    """An unsaved Answer holding `value` in the column for its type."""
    if question.type == QuestionType.MULTIPLE:
        return Answer(question=question, picked=value)
    if question.is_text:
        return Answer(question=question, text=value)
    return Answer(question=question, number=value)


def answer_label(question: Question, value) -> str:
    """How an answer reads back to the person (on the check-your-answers page)."""
    if value is None or value == "" or value == []:
        return "Not answered"
    if question.is_text:
        return value
    labels = dict(question.options())
    if question.type == QuestionType.MULTIPLE:
        return ", ".join(labels.get(index, "?") for index in value)
    return labels.get(value, "?")
