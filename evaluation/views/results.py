"""A survey's results for staff and leaders: figures only, never who gave which answer."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from coproschool.batches import BATCH_MIN
from coproschool.csv_export import csv_response
from evaluation import results, selectors
from evaluation.answers import answer_label
from evaluation.holding import held_response_count
from evaluation.models import Survey
from evaluation.results import PREPOST_CSV_HEADERS, prepost_csv_cells
from evaluation.stats import DISCLOSURE_RULE, change_shown
from evaluation.views.common import survey_in_school
from people.access import require_rule

RESULTS = "evaluation.view_results"
PEOPLE_PER_PAGE = 25


def _prepost(survey: Survey) -> dict | None:
    before = survey if survey.pairing == "before" else survey.twin if survey.pairing == "after" else None
    if before is None or before.twin is None:
        return None
    changes = results.prepost_changes(before=before)
    return {
        "before": before,
        "after": before.twin,
        "rows": [(question, change_shown(change)) for question, change in changes],
        "chart": results.prepost_chart_for(before=before, changes=changes),
    }


@require_rule(RESULTS)
def survey_results(request, pk: int):
    survey = survey_in_school(request, pk)
    return render(
        request,
        "evaluation/survey_results.html",
        {
            "survey": survey,
            "results": results.survey_results(survey),
            "response_count": selectors.survey_response_count(survey),
            "audience_count": selectors.audience_members(survey).count(),
            "prepost": _prepost(survey),
            "counted": survey.responses.count(),
            "waiting": held_response_count(survey) if survey.anonymous else 0,
            "batch_min": BATCH_MIN,
            "disclosure_rule": DISCLOSURE_RULE,
        },
    )


def _results_rows(survey: Survey):
    for result in results.survey_results(survey):
        base = [result.number, result.question.text, result.answered_shown]
        for cells in result.question.kind.csv_rows(result):
            yield [*base, *cells]
    prepost = _prepost(survey)
    if prepost:
        yield []
        yield ["before/after", "question", *PREPOST_CSV_HEADERS, "paired"]
        for question, figures in prepost["rows"]:
            yield ["", question.text, *prepost_csv_cells(figures), figures["paired"]]


@require_rule(RESULTS)
def survey_results_csv(request, pk: int):
    """The figures of the results page, suppressed the same way. Written answers are not exported."""
    survey = survey_in_school(request, pk)
    return csv_response(
        filename=f"survey-{survey.pk}-results.csv",
        header=["question number", "question", "answered", "option", "people", "share", "mean"],
        rows=_results_rows(survey),
    )


HELD_CELL = "Held for a check"


def _named_cell(question, answer) -> str:
    # Held for the safeguarding leads: say so (it was answered), never show its words here.
    if answer is not None and answer.held:
        return HELD_CELL
    return answer_label(question, answer.value if answer else None)


@require_rule(RESULTS)
def survey_named_responses(request, pk: int):
    """Each person's answers to a named survey. An anonymous survey has no such page (404)."""
    survey = survey_in_school(request, pk)
    if survey.anonymous:
        raise Http404("An anonymous survey's answers cannot be listed by person.")
    questions = selectors.survey_questions(survey)
    page = Paginator(selectors.named_responses(survey=survey), PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for named in page.object_list:
        answers = {answer.question_id: answer for answer in named.response.answers.all()}
        rows.append((named, [_named_cell(q, answers.get(q.pk)) for q in questions]))
    return render(
        request,
        "evaluation/survey_named_responses.html",
        {"survey": survey, "questions": questions, "page": page, "rows": rows},
    )
