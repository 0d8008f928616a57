"""PDF exports of the reports: ask for one, watch its progress, download it.

The panel (`evaluation/reports/_export_panel.html`, placed on a report page with the `export_panel`
tag) posts here; with htmx the panel is swapped in place and polls while an export is under way,
without JavaScript the form redirects back to the report and a link refreshes it. Files are served
only by `report_export_download`, which checks the school and the report's rule on every fetch.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from evaluation.models import ExportStatus, ReportExport, ReportKind
from evaluation.reports.exports import ExportError, exports_listed, report_export_request, report_key
from evaluation.reports.periods import period_from
from people.access import check_rule, require_rule
from projects.access import check_project_for, get_project_for

SCHOOL_RULE = "evaluation.view_school_report"
PROJECT_RULE = "evaluation.view_project_report"
PANEL = "evaluation/reports/_export_panel.html"


class _Target:
    """Which report an export is of, read from the request (GET or POST) and checked."""

    def __init__(self, request, data, project=None):
        self.kind = data.get("kind") or ReportKind.SCHOOL
        self.project = None
        self.start = self.end = None
        if self.kind == ReportKind.PROJECT and project is not None:
            # The report page's own project, loaded by its view: checked again, not looked up again.
            self.project = check_project_for(request, project, rule=PROJECT_RULE)
        elif self.kind == ReportKind.PROJECT:
            try:
                project_pk = int(data.get("project", ""))
            except ValueError:
                raise Http404("No such project in your school.") from None
            self.project = get_project_for(request, project_pk, rule=PROJECT_RULE)
        elif self.kind == ReportKind.SCHOOL:
            check_rule(SCHOOL_RULE, request.membership)
            form, self.start, self.end = period_from(data, today=timezone.localdate())
            if form.is_bound and not form.is_valid():
                raise ExportError("Choose a valid period first.")
        else:
            raise ExportError("Unknown kind of report.")

    @property
    def params(self) -> dict:
        if self.project is not None:
            return {"kind": self.kind, "project": self.project.pk}
        return {"kind": self.kind, "start": self.start.isoformat(), "end": self.end.isoformat()}

    @property
    def report_url(self) -> str:
        if self.project is not None:
            return reverse("evaluation:project_report", args=[self.project.pk])
        return f"{reverse('evaluation:school_report')}?{urlencode({'start': self.start, 'end': self.end})}"


def panel_context(request, *, kind, project=None, start=None, end=None) -> dict:
    """What the panel shows for one report: its latest exports, and where to post and poll."""
    given = {"start": start, "end": end}
    data = {"kind": kind, **{name: value for name, value in given.items() if value is not None}}
    return _panel(request, _Target(request, data, project=project))


def _panel(request, target: _Target) -> dict:
    exports = list(
        exports_listed(
            school=request.school,
            key=report_key(kind=target.kind, project=target.project, start=target.start, end=target.end),
        )
    )
    return {
        "exports": exports,
        "active": any(export.status in (ExportStatus.QUEUED, ExportStatus.RUNNING) for export in exports),
        "params": target.params,
        "poll_url": f"{reverse('evaluation:report_export_panel')}?{urlencode(target.params)}",
        "refresh_url": target.report_url,
    }


@require_POST
@require_rule()
def report_export_create(request):
    try:
        target = _Target(request, request.POST)
        report_export_request(
            school=request.school,
            kind=target.kind,
            requested_by=request.membership,
            project=target.project,
            start=target.start,
            end=target.end,
        )
    except ExportError as error:
        return HttpResponseBadRequest(str(error))
    if request.htmx:
        return render(request, PANEL, {"panel": _panel(request, target)})
    messages.success(request, "The PDF is being made. Refresh the page to see when it is ready.")
    return redirect(target.report_url)


@require_rule()
def report_export_panel(request):
    """The panel alone, for htmx polling."""
    try:
        target = _Target(request, request.GET)
    except ExportError as error:
        return HttpResponseBadRequest(str(error))
    return render(request, PANEL, {"panel": _panel(request, target)})


@require_rule()
def report_export_download(request, pk: int):
    export = (
        ReportExport.objects.filter(school=request.school, pk=pk, status=ExportStatus.DONE)
        .select_related("project")
        .first()
    )
    if export is None or not export.file:
        raise Http404("No such export in your school.")
    if export.kind == ReportKind.PROJECT:
        get_project_for(request, export.project_id, rule=PROJECT_RULE)
    else:
        check_rule(SCHOOL_RULE, request.membership)
    response = FileResponse(export.file.open("rb"), as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    return response
