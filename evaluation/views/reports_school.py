"""The school report page and its CSV, for the school's staff and leaders.

Everything is read within the request's school; the period comes from a validated GET form (bad or
missing dates show the current term, with the form's errors).
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from rules import test_rule

from coproschool.csv_export import csv_response
from evaluation.reports.periods import period_from
from evaluation.reports.school import Audience, school_report_page, unheard_pupils
from evaluation.reports.school import school_report as build_report
from evaluation.reports.school_csv import school_report_csv_rows
from people.access import require_rule

VIEW = "evaluation.view_school_report"
UNHEARD_PER_PAGE = 50


@require_rule(VIEW)
def school_report(request):
    form, start, end = period_from(request.GET, today=timezone.localdate())
    audience = Audience.of(request.membership)
    unheard_page = None
    if test_rule("evaluation.see_unheard_names", request.membership):
        unheard = unheard_pupils(school=request.school, start=start, end=end)
        unheard_page = Paginator(unheard, UNHEARD_PER_PAGE).get_page(request.GET.get("page"))
    shown = school_report_page(
        school=request.school, start=start, end=end, audience=audience, refresh=request.GET.get("refresh") == "1"
    )
    context = {
        "form": form,
        "start": start,
        "end": end,
        "report": shown["report"],
        "report_body": shown["body"],
        "page": unheard_page,
    }
    return render(request, "evaluation/reports/school_report.html", context)


@require_rule(VIEW)
def school_report_csv(request):
    """The figures of the page for the same period, suppressed the same way, without any names."""
    _form, start, end = period_from(request.GET, today=timezone.localdate())
    report = build_report(school=request.school, start=start, end=end, audience=Audience.of(request.membership))
    rows = school_report_csv_rows(report)
    return csv_response(filename=f"school-report-{start}-to-{end}.csv", header=rows[0], rows=rows[1:])
