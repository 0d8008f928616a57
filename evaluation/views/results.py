"""A survey's results for staff and leaders: figures only, never who gave which answer."""

import csv

from django.http import HttpResponse
from django.shortcuts import render

from evaluation import results, selectors
from evaluation.models import Survey
from evaluation.stats import change_shown
from evaluation.views.common import survey_in_school
from people.access import require_rule

RESULTS = "evaluation.view_results"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
        },
    )


def _cell(value) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula; quote it so it stays text."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@require_rule(RESULTS)
def survey_results_csv(request, pk: int):
    """The figures of the results page, suppressed the same way. Written answers are not exported."""
    survey = survey_in_school(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.csv"'
    writer = csv.writer(response)
    writer.writerow(["question number", "question", "answered", "option", "people", "share", "mean"])
    for result in results.survey_results(survey):
        base = [result.number, _cell(result.question.text), result.answered_shown]
        if result.mean:
            writer.writerow([*base, "", "", "", result.mean])
        for option in result.options:
            writer.writerow([*base, _cell(option.label), option.count, option.percent, ""])
        if result.question.is_text:
            writer.writerow([*base, "", "", "", ""])
    prepost = _prepost(survey)
    if prepost:
        writer.writerow([])
        writer.writerow(
            [
                "before/after",
                "question",
                "n before",
                "n after",
                "mean before",
                "mean after",
                "mean change",
                "effect size (d)",
                "paired",
            ]
        )
        for question, figures in prepost["rows"]:
            writer.writerow(
                [
                    "",
                    _cell(question.text),
                    figures["n_before"],
                    figures["n_after"],
                    figures["mean_before"],
                    figures["mean_after"],
                    figures["mean_change"],
                    figures["effect_size"],
                    figures["paired"],
                ]
            )
    return response
