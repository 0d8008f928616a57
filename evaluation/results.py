"""Reads that summarise answers, for a survey's results page and for the reports.

Every figure leaves here already passed through small-number suppression (`stats.shown`), so a
page or a CSV built from it cannot show a group of fewer than 5 by mistake. Free-text answers are
listed only when at least 5 people answered that question, in an order that says nothing about
who answered when (by the answers' random keys).
"""

from dataclasses import dataclass, field

from django.db.models import Count

from evaluation.charts import ChartRow, prepost_chart
from evaluation.models import Answer, Pairing, Question, Survey
from evaluation.questions.registry import all_kinds
from evaluation.stats import (
    Change,
    cells_shown,
    compare_paired,
    compare_unpaired,
    is_suppressed,
    mean_shown,
    shown,
)


@dataclass
class OptionRow:
    label: str
    count: str
    percent: str


@dataclass
class QuestionResult:
    number: int
    question: Question
    answered: int
    options: list[OptionRow] = field(default_factory=list)
    mean: str = ""
    texts: list[str] = field(default_factory=list)

    @property
    def answered_shown(self) -> str:
        return shown(self.answered, self.answered)

    @property
    def suppressed(self) -> bool:
        return is_suppressed(self.answered)


def _percent(count: int, answered: int, count_shown: str) -> str:
    if not count_shown.isdigit():
        return count_shown  # "fewer than 5" or "hidden", as the count reads
    return f"{round(100 * count / answered)}%" if answered else "0%"


def survey_results(survey: Survey) -> list[QuestionResult]:
    """Per question: how many answered, the count and share for each option, the mean of a scale,
    and the written answers. Four queries whatever the number of questions and answers."""
    questions = list(survey.questions.order_by("order"))
    # Answers held for the safeguarding leads are left out (counts too) until a lead releases them.
    answers = Answer.objects.filter(question__survey=survey, held=False)
    # (stored value, how many) per question, for the kinds' tallies.
    stored: dict[int, list[tuple[object, int]]] = {q.pk: [] for q in questions}
    for question_id, value, count in (
        answers.filter(number__isnull=False).values_list("question_id", "number").annotate(count=Count("pk"))
    ):
        stored[question_id].append((value, count))
    for question_id, picked in answers.filter(picked__isnull=False).values_list("question_id", "picked"):
        stored[question_id].append((picked, 1))
    texts: dict[int, list[str]] = {q.pk: [] for q in questions}
    for question_id, text in answers.exclude(text="").order_by("pk").values_list("question_id", "text"):
        texts[question_id].append(text)

    results = []
    for number, question in enumerate(questions, start=1):
        kind = question.kind
        if kind.column == "text":
            answered = len(texts[question.pk])
            results.append(
                QuestionResult(number, question, answered, texts=[] if is_suppressed(answered) else texts[question.pk])
            )
            continue
        answered, counts = kind.tally(question, stored[question.pk])
        result = QuestionResult(number, question, answered)
        options = question.options()
        values = [counts.get(value, 0) for value, _label in options]
        texts_shown, complete = cells_shown(values, answered, adds_up=kind.column != "picked")
        result.options = [
            OptionRow(label, count_shown, _percent(count, answered, count_shown))
            for (_value, label), count, count_shown in zip(options, values, texts_shown, strict=True)
        ]
        if kind.scale and answered:
            mean = sum(value * count for value, count in counts.items()) / answered
            result.mean = mean_shown(mean, answered, complete=complete)
        results.append(result)
    return results


def scale_types() -> list[str]:
    """The kinds whose answers are a point on a scale, so a mean and a change mean something."""
    return [kind.key for kind in all_kinds() if kind.scale]


# A question's before/after figures as every CSV export writes them: (key in the figures, header).
PREPOST_CSV_COLUMNS = [
    ("n_before", "n before"),
    ("n_after", "n after"),
    ("mean_before", "mean before"),
    ("mean_after", "mean after"),
    ("mean_change", "mean change"),
    ("effect_size", "effect size (d)"),
]
PREPOST_CSV_HEADERS = [header for _, header in PREPOST_CSV_COLUMNS]


def prepost_csv_cells(figures: dict) -> list:
    return [figures[key] for key, _ in PREPOST_CSV_COLUMNS]


def prepost_changes(*, before: Survey) -> list[tuple[Question, Change]]:
    """For a "before" survey and its "after" twin: the change on each scale question asked in both.

    Questions are matched by type and wording (the twin starts as a copy, and may be reordered).
    Answers are paired person by person only when both surveys are named; anonymous answers,
    which by design cannot be matched, are compared as two groups. Two queries in all.
    """
    return prepost_changes_many(befores=[before]).get(before.pk, [])


def prepost_changes_many(*, befores: list[Survey]) -> dict[int, list[tuple[Question, Change]]]:
    """`prepost_changes` of several "before" surveys at once (by the before survey's pk), in two
    queries whatever their number, for reports across projects. Load the befores with their twins
    (`select_related("twin")`) or each twin costs a query."""
    pairs = [(before, before.twin) for before in befores if before.pairing == Pairing.BEFORE and before.twin]
    if not pairs:
        return {}
    survey_ids = [survey.pk for pair in pairs for survey in pair]
    questions = list(Question.objects.filter(survey__in=survey_ids, type__in=scale_types()).order_by("order"))
    matched: dict[int, list[tuple[Question, Question]]] = {}
    named_pairs = set()
    for before, after in pairs:
        after_by_key = {(q.type, q.text): q for q in questions if q.survey_id == after.pk}
        matched[before.pk] = [
            (q, after_by_key[q.type, q.text])
            for q in questions
            if q.survey_id == before.pk and (q.type, q.text) in after_by_key
        ]
        if not before.anonymous and not after.anonymous:
            named_pairs.update(q.pk for pair in matched[before.pk] for q in pair)
    question_ids = {q.pk for pairs_ in matched.values() for pair in pairs_ for q in pair}
    by_person: dict[int, dict[int, int]] = {pk: {} for pk in question_ids}
    numbers: dict[int, list[int]] = {pk: [] for pk in question_ids}
    # Counted by (question, value, person): anonymous answers have no person, so the database sends
    # a handful of rows per question instead of every answer; named ones come one row per person.
    rows = (
        Answer.objects.filter(question__in=question_ids, number__isnull=False)
        .values_list("question_id", "number", "response__named__membership_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for question_id, number, person, count in rows:
        numbers[question_id] += [number] * count
        if question_id in named_pairs:
            by_person[question_id][person] = number
    changes: dict[int, list[tuple[Question, Change]]] = {}
    for before, _after in pairs:
        changes[before.pk] = []
        for before_q, after_q in matched[before.pk]:
            if before_q.pk in named_pairs:
                first, second = by_person[before_q.pk], by_person[after_q.pk]
                change = compare_paired((first[person], second[person]) for person in first.keys() & second.keys())
            else:
                change = compare_unpaired(numbers[before_q.pk], numbers[after_q.pk])
            changes[before.pk].append((before_q, change))
    return changes


def prepost_chart_for(*, before: Survey, changes: list[tuple[Question, Change]]) -> str:
    """The before/after chart of a paired survey, suppression included."""
    rows = [ChartRow(question.text, change, *question.kind.scale) for question, change in changes]
    return prepost_chart(chart_id=f"prepost-{before.pk}", title=f"{before.title}: before and after", rows=rows)
