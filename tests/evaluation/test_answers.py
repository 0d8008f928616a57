"""Every question type turns bad answers away with a message written for the person answering."""

import pytest

from evaluation.answers import AnswerError, answer_label, clean_answer
from evaluation.models import Question
from evaluation.questions.registry import kind_choices

CHOICES = ["Red", "Green", "Blue"]


def question(type_: str, required: bool = True) -> Question:
    return Question(
        type=type_, text="Q?", required=required, choices=CHOICES if type_ in ("single", "multiple") else []
    )


@pytest.mark.parametrize(
    ("type_", "raw", "message"),
    [
        ("likert5", [], "Please choose how much you agree: this question needs an answer."),
        ("likert5", ["6"], "Choose one of the five answers, from “Strongly disagree” to “Strongly agree”."),
        ("likert5", ["0"], "Choose one of the five answers"),
        ("likert5", ["agree"], "Choose one of the five answers"),
        ("likert5", ["2", "3"], "Choose only one answer."),
        ("scale0_10", [""], "Please choose a number from 0 to 10: this question needs an answer."),
        ("scale0_10", ["11"], "Choose a whole number from 0 to 10."),
        ("scale0_10", ["-1"], "Choose a whole number from 0 to 10."),
        ("scale0_10", ["2.5"], "Choose a whole number from 0 to 10."),
        ("single", [], "Please choose one of the options: this question needs an answer."),
        ("single", ["3"], "That is not one of the options. Choose one of the options shown."),
        ("single", ["Red"], "That is not one of the options."),
        ("single", ["0", "1"], "Choose only one answer."),
        ("multiple", [], "Please choose at least one option: this question needs an answer."),
        ("multiple", ["0", "7"], "That is not one of the options. Choose only from the options shown."),
        ("yes_no", ["   "], "Please choose Yes or No: this question needs an answer."),
        ("yes_no", ["2"], "Choose Yes or No."),
        ("short_text", ["  "], "Please write an answer: this question needs one."),
        ("short_text", ["x" * 201], "Your answer is 201 characters long; the most this question takes is 200."),
        ("long_text", ["y" * 2001], "Your answer is 2001 characters long; the most this question takes is 2000."),
        ("long_text", ["a", "b"], "Choose only one answer."),
    ],
)
def test_bad_answer_is_refused_with_a_clear_message(type_, raw, message):
    with pytest.raises(AnswerError) as error:
        clean_answer(question(type_), raw)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("type_", "raw", "value"),
    [
        ("likert5", ["1"], 1),
        ("likert5", ["5"], 5),
        ("scale0_10", ["0"], 0),
        ("scale0_10", ["10"], 10),
        ("single", ["2"], 2),
        ("multiple", ["2", "0", "2"], [0, 2]),
        ("yes_no", ["0"], 0),
        ("short_text", ["  hello  "], "hello"),
        ("long_text", ["line one\r\nline two"], "line one\nline two"),
        ("short_text", ["x" * 200], "x" * 200),
    ],
)
def test_good_answer_is_kept_in_the_form_stored(type_, raw, value):
    assert clean_answer(question(type_), raw) == value


@pytest.mark.parametrize("type_", [choice for choice, _ in kind_choices()])
def test_optional_question_may_be_skipped(type_):
    assert clean_answer(question(type_, required=False), []) is None


def test_answers_read_back_in_words():
    assert answer_label(question("likert5"), 4) == "Agree"
    assert answer_label(question("multiple"), [0, 2]) == "Red, Blue"
    assert answer_label(question("yes_no"), 0) == "No"
    assert answer_label(question("short_text", required=False), None) == "Not answered"


@pytest.mark.parametrize("type_", ["short_text", "long_text"])
def test_control_characters_are_dropped_from_written_answers(type_):
    assert clean_answer(question(type_), ["  a\x00b\x07c\r\nd\te\x1b  "]) == "abc\nd\te"


@pytest.mark.parametrize("type_", ["short_text", "long_text"])
def test_an_answer_of_only_control_characters_counts_as_missing(type_):
    with pytest.raises(AnswerError):
        clean_answer(question(type_), ["\x00\x01"])
