"""PDF exports of the school and project reports, made by a Celery task and kept for download.

- `report_export_request` records a queued `ReportExport` and queues the task after the commit
  (through the outbox, so a broker outage loses nothing). The database allows one queued-or-running
  export per report (`report_key`), so a second request while one is under way gets that one back.
- `report_export_make` (run by the task) claims the export with a conditional UPDATE queued→running:
  a retried task or a second worker finds nothing to claim and does nothing.
- `termly_reports_make` (Celery beat, daily) makes the school report of the term that just ended for
  every school and tells its leaders when it is ready, once (the notification's exactly-once key).

A PDF never lists pupils by name: the school report is always rendered for the leaders' audience
(counts of pupils not heard, no names), so the file can be shared.
"""

import logging
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from audit.services import log_action
from coproschool.pdf import pdf_render
from evaluation import tasks
from evaluation.models import ACTIVE_EXPORT_STATUSES, ExportStatus, ReportExport, ReportKind, ReportSignOff
from evaluation.reports.periods import Term, last_ended_term
from evaluation.reports.project import project_report
from evaluation.reports.school import BODY_TEMPLATE as SCHOOL_BODY_TEMPLATE
from evaluation.reports.school import Audience, school_report
from people.models import Membership, NotificationKind, Role, School
from people.notifications.outbox import enqueue
from people.notifications.services import notify
from projects.models import Project

logger = logging.getLogger(__name__)

# An export still queued or running after this long is taken to be lost (a worker died mid-way)
# and no longer blocks a new request for the same report.
STALE_AFTER = timedelta(minutes=30)
PANEL_LIMIT = 5


class ExportError(Exception):
    """A request for an export that cannot be made (shown to the user as a message)."""


def report_key(*, kind: str, project: Project | None = None, start: date | None = None, end: date | None = None) -> str:
    if kind == ReportKind.PROJECT:
        if project is None:
            raise ExportError("A project report needs its project.")
        return f"project:{project.pk}"
    if start is None or end is None:
        raise ExportError("A school report needs its period.")
    return f"school:{start.isoformat()}:{end.isoformat()}"


def report_export_request(
    *,
    school: School,
    kind: str,
    requested_by: Membership | None,
    project: Project | None = None,
    start: date | None = None,
    end: date | None = None,
) -> ReportExport:
    """A new queued export of the report, or the one already queued or running for it."""
    if project is not None and project.school_id != school.pk:
        raise ExportError("That project is not in this school.")
    key = report_key(kind=kind, project=project, start=start, end=end)
    active = ReportExport.objects.filter(school=school, report_key=key, status__in=ACTIVE_EXPORT_STATUSES)
    with transaction.atomic():
        active.filter(created_at__lt=timezone.now() - STALE_AFTER).update(
            status=ExportStatus.FAILED, error="It took too long and was stopped. Ask for a new one.",
            finished_at=timezone.now(),
        )  # fmt: skip
        try:
            # A savepoint: the unique constraint's IntegrityError must not break the caller's transaction.
            with transaction.atomic():
                export = ReportExport.objects.create(
                    school=school,
                    kind=kind,
                    report_key=key,
                    project=project,
                    period_start=start if kind == ReportKind.SCHOOL else None,
                    period_end=end if kind == ReportKind.SCHOOL else None,
                    requested_by=requested_by,
                )
                enqueue(tasks.report_export_make, export_id=export.pk)
                log_action(
                    actor=requested_by.user if requested_by else None,
                    verb="export.report",
                    target=export,
                    data={"kind": kind},
                )
        except IntegrityError:
            existing = active.first()
            if existing is None:  # it finished between our insert and this read: ask once more
                return report_export_request(
                    school=school, kind=kind, requested_by=requested_by, project=project, start=start, end=end
                )
            return existing
    return export


def exports_listed(*, school: School, key: str) -> QuerySet[ReportExport]:
    """The latest exports of one report, newest first, for the export panel."""
    return ReportExport.objects.filter(school=school, report_key=key).order_by("-created_at", "-pk")[:PANEL_LIMIT]


def _progress(export_id: int, percent: int) -> None:
    ReportExport.objects.filter(pk=export_id, status=ExportStatus.RUNNING).update(progress=percent)


def report_export_make(*, export_id: int) -> bool:
    """Make the PDF of a queued export. Returns False when there was nothing to claim."""
    claimed = ReportExport.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, progress=5
    )
    if claimed != 1:
        return False
    export = ReportExport.objects.select_related("school", "project").get(pk=export_id)
    try:
        context = _report_context(export)
        _progress(export_id, 40)
        pdf = pdf_render(body_template=context.pop("body_template"), context=context)
        _progress(export_id, 80)
        export.file.save(_file_name(export), ContentFile(pdf), save=False)
    except Exception as error:
        # Whatever went wrong, the export must not stay "running" for ever: record it for the page.
        logger.exception("Report export %s failed", export_id)
        ReportExport.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED, error=f"The PDF could not be made: {error}"[:1000], finished_at=timezone.now()
        )
        return True
    ReportExport.objects.filter(pk=export_id).update(
        status=ExportStatus.DONE, progress=100, file=export.file.name, finished_at=timezone.now()
    )
    if export.kind == ReportKind.SCHOOL and export.requested_by_id is None:
        _tell_leaders(export)
    return True


def _file_name(export: ReportExport) -> str:
    if export.kind == ReportKind.PROJECT:
        return f"project-{export.project_id}-report.pdf"
    return f"{export.school.slug}-school-report-{export.period_start}-to-{export.period_end}.pdf"


def _report_context(export: ReportExport) -> dict:
    common = {"school_name": export.school.name, "generated_at": timezone.now()}
    if export.kind == ReportKind.PROJECT:
        project = {"title": f"Project report: {export.project.title}", "period": "", "project": export.project}
        # A signed report is shared as the leader signed it, not as the data has moved on since.
        sign_off = ReportSignOff.objects.filter(project=export.project).select_related("signed_by__user").first()
        if sign_off is not None:
            return {
                **common,
                **project,
                "sign_off": sign_off,
                "body_template": "evaluation/reports/_signed_project_report_body.html",
            }
        return {
            **common,
            **project,
            "report": project_report(project=export.project),
            "body_template": "evaluation/reports/_project_report_body.html",
        }
    report = school_report(
        school=export.school, start=export.period_start, end=export.period_end, audience=Audience.LEADER
    )
    return {
        **common,
        "title": "School report",
        "period": f"{export.period_start:%-d %B %Y} to {export.period_end:%-d %B %Y}",
        "report": report,
        "body_template": SCHOOL_BODY_TEMPLATE,
    }


# --- the termly report -------------------------------------------------------------------------


def termly_reports_make(*, today: date | None = None) -> int:
    """For every school that existed before the last term ended: its termly report. Returns how many
    exports were started (0 on a rerun)."""
    term = last_ended_term(today or timezone.localdate())
    started = 0
    for school_id in School.objects.filter(created_at__date__lte=term.end).values_list("pk", flat=True):
        if termly_report_request(school_id=school_id, term=term) is not None:
            started += 1
    return started


@transaction.atomic
def termly_report_request(*, school_id: int, term: Term) -> ReportExport | None:
    """The term's report for one school, unless one was already made or is being made."""
    # Locking the school serialises two beat runs, so the check below cannot race.
    school = School.objects.select_for_update().get(pk=school_id)
    key = report_key(kind=ReportKind.SCHOOL, start=term.start, end=term.end)
    made = ReportExport.objects.filter(school=school, report_key=key, requested_by__isnull=True).exclude(
        status=ExportStatus.FAILED
    )
    if made.exists():
        return None
    return report_export_request(
        school=school, kind=ReportKind.SCHOOL, requested_by=None, start=term.start, end=term.end
    )


def _tell_leaders(export: ReportExport) -> None:
    """Once per leader and term, whichever export of the term's report finishes first."""
    notify(
        kind=NotificationKind.SCHOOL_REPORT,
        subject=f"school-report:{export.school_id}",
        recipients=Membership.objects.filter(school=export.school_id, role=Role.LEADER, is_active=True),
        period=f"{export.period_start:%Y%m%d}-{export.period_end:%Y%m%d}",
        title=f"The school report for {export.period_start:%-d %B %Y} to {export.period_end:%-d %B %Y} is ready",
        body="The termly report on participation, pupils not yet heard, decisions and what changed.",
        url=reverse("evaluation:report_export_download", args=[export.pk]),
    )
