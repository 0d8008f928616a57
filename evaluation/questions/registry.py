"""The kinds of survey question. Each lives in one module of evaluation/questions/kinds/ and registers here.

A kind holds everything that differs between questions: its label for staff, whether the builder asks
for options, the input shown to the person answering, how an answer is checked and in which Answer
column it is stored, how answers are counted, its CSV rows and the partial showing its result.
Small-number suppression is not a kind's business: `evaluation.results` applies it around `tally`.
`Question.type` takes its choices from here, so adding a kind is one module and one template.

This module imports no model: `evaluation.models` reads the choices from it.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from django.template import Template

from coproschool.text import without_control_characters

if TYPE_CHECKING:
    from evaluation.models import Question

# Question.type is a CharField of this length.
KEY_MAX_LENGTH = 12
ONLY_ONE = "Choose only one answer."


class AnswerError(ValueError):
    """A bad answer; the message is written for the person answering."""


class QuestionKind:
    key: ClassVar[str]  # stored on Question.type
    label: ClassVar[str]  # plain words for staff, in the builder and on the results
    column: ClassVar[str]  # the Answer column holding the value: "number", "picked" or "text"
    input: ClassVar[str]  # what the answer step shows: "radio", "checkbox", "text" or "textarea"
    missing: ClassVar[str]  # the message when a needed answer is left out
    has_choices: ClassVar[bool] = False  # the builder asks staff for the options
    scale: ClassVar[tuple[int, int] | None] = None  # (lowest, highest): a mean and a before/after change mean something
    hint: ClassVar[str] = ""  # shown under a question that has no hint of its own
    max_length: ClassVar[int | None] = None
    # The partial showing one question's result (`result`): a template name, or a Template.
    result_template: ClassVar[str | Template]

    def options(self, question: "Question") -> list[tuple[int, str]]:
        """(stored value, label) for every answer a person can pick; empty for written answers."""
        return []

    def clean(self, question: "Question", raw: list[str]):
        """The value to store from the submitted strings, None for a skipped optional question."""
        raise NotImplementedError

    def tally(self, question: "Question", answers: Iterable[tuple[object, int]]) -> tuple[int, dict[int, int]]:
        """(people who answered, people per option value) from (stored value, how many) pairs."""
        counts: dict[int, int] = {}
        answered = 0
        for value, count in answers:
            answered += count
            counts[value] = counts.get(value, 0) + count
        return answered, counts

    def read_back(self, question: "Question", value) -> str:
        """How a stored answer reads to the person (check your answers) or to staff (named answers)."""
        return dict(self.options(question)).get(value, "?")

    def csv_rows(self, result) -> list[list]:
        """The (option, people, share, mean) cells of a question's result, one row each."""
        rows = [["", "", "", result.mean]] if result.mean else []
        return rows + [[option.label, option.count, option.percent, ""] for option in result.options]


class OptionKind(QuestionKind):
    """One answer from a list of options, stored as its value in Answer.number."""

    column = "number"
    input = "radio"
    out_of_range: ClassVar[str]

    def clean(self, question, raw):
        values = [value.strip() for value in raw if value.strip()]
        if not values:
            if question.required:
                raise AnswerError(self.missing)
            return None
        allowed = {value for value, _label in self.options(question)}
        try:
            numbers = [int(value) for value in values]
        except ValueError:
            raise AnswerError(self.out_of_range) from None
        if any(number not in allowed for number in numbers):
            raise AnswerError(self.out_of_range)
        return self.keep(numbers)

    def keep(self, numbers: list[int]):
        if len(numbers) > 1:
            raise AnswerError(ONLY_ONE)
        return numbers[0]


class TextKind(QuestionKind):
    """A written answer, stored in Answer.text and listed (never counted) on the results."""

    column = "text"
    missing = "Please write an answer: this question needs one."

    def clean(self, question, raw):
        if not [value for value in raw if value.strip()]:
            if question.required:
                raise AnswerError(self.missing)
            return None
        if len(raw) > 1:
            raise AnswerError(ONLY_ONE)
        text = without_control_characters(raw[0].replace("\r\n", "\n").replace("\r", "\n")).strip()
        if not text:
            if question.required:
                raise AnswerError(self.missing)
            return None
        if len(text) > self.max_length:
            raise AnswerError(
                f"Your answer is {len(text)} characters long; the most this question takes is "
                f"{self.max_length}. Please make it shorter."
            )
        return text

    def read_back(self, question, value) -> str:
        return value

    def csv_rows(self, result) -> list[list]:
        # Written answers are not exported: one row says the question was there.
        return [["", "", "", ""]]


_kinds: dict[str, QuestionKind] = {}


def register(kind: QuestionKind) -> QuestionKind:
    if len(kind.key) > KEY_MAX_LENGTH:
        raise ValueError(f"A question kind's key has at most {KEY_MAX_LENGTH} characters: {kind.key!r}.")
    if kind.key in _kinds:
        raise ValueError(f"The question kind {kind.key!r} is registered already.")
    _kinds[kind.key] = kind
    return kind


def unregister(key: str) -> None:
    _kinds.pop(key, None)


def get_kind(key: str) -> QuestionKind:
    return _kinds[key]


def all_kinds() -> list[QuestionKind]:
    return list(_kinds.values())


def kind_choices() -> list[tuple[str, str]]:
    """Question.type's choices, in the order kinds were registered."""
    return [(kind.key, kind.label) for kind in _kinds.values()]
