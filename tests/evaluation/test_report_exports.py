"""PDF exports: one active export per report, a task that claims before it works, the PDF's text,
suppression in the PDF, the panel, and the download's permission checks."""

from datetime import date, timedelta
from unittest import mock

import pypdf
import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from evaluation import tasks
from evaluation.models import ExportStatus, ReportExport, ReportSignOff
from evaluation.reports.exports import report_export_make, report_export_request
from evaluation.reports.periods import current_term
from evaluation.stats import SUPPRESSED_TEXT
from evaluation.views.report_exports import panel_context
from people.models import OutboxMessage
from tests.concurrency import run_together
from tests.factories import (
    LeaderFactory,
    NeedFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SchoolFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

START, END = date(2026, 9, 1), date(2026, 12, 31)


def _request(school, by=None, **kwargs):
    return report_export_request(
        school=school, kind="school", requested_by=by, start=kwargs.get("start", START), end=kwargs.get("end", END)
    )


def _text(export) -> str:
    export.refresh_from_db()
    with export.file.open("rb") as pdf:
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)


def test_a_second_request_while_one_is_queued_returns_the_same_export(school, staff):
    first = _request(school, staff)
    second = _request(school, staff)
    assert second.pk == first.pk
    assert ReportExport.objects.count() == 1
    assert OutboxMessage.objects.filter(task_name="evaluation.report_export_make").count() == 1


def test_a_second_request_while_one_is_running_starts_nothing(school, staff):
    first = _request(school, staff)
    ReportExport.objects.filter(pk=first.pk).update(status=ExportStatus.RUNNING)
    assert _request(school, staff).pk == first.pk


def test_another_period_or_school_is_another_export(school, staff):
    first = _request(school, staff)
    assert _request(school, staff, start=date(2026, 1, 1), end=date(2026, 3, 31)).pk != first.pk
    other = SchoolFactory()
    assert _request(other, StaffFactory(school=other)).pk != first.pk


def test_a_stale_export_no_longer_blocks_a_new_one(school, staff):
    first = _request(school, staff)
    ReportExport.objects.filter(pk=first.pk).update(
        status=ExportStatus.RUNNING, created_at=timezone.now() - timedelta(hours=2)
    )
    second = _request(school, staff)
    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.status == ExportStatus.FAILED and "too long" in first.error


def test_the_task_is_queued_after_commit_and_makes_the_pdf(school, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = _request(school, staff)
    export.refresh_from_db()
    assert (export.status, export.progress) == (ExportStatus.DONE, 100)
    assert export.finished_at is not None
    text = _text(export)
    assert school.name in text
    assert "Share of pupils, 0 to 100%" in text  # the participation chart's axis label
    assert "Raised a need" in text  # and its row labels
    assert "Projects by stage and their pace" in text


def test_the_pdf_shows_fewer_than_5_for_small_groups(school, staff):
    pupils = PupilFactory.create_batch(3, school=school, year_group=9, form="9Q")
    NeedFactory(school=school, author=pupils[0])
    export = _request(school, staff, start=timezone.localdate() - timedelta(days=1), end=timezone.localdate())
    tasks.report_export_make(export.pk)
    text = _text(export)
    assert SUPPRESSED_TEXT.replace(" ", "") in text.replace(" ", "").replace("\n", "")
    assert "Raised a need fewer than 5" in text  # the chart, not only the tables
    assert pupils[0].user.display_name not in text  # a PDF never lists names


def test_running_the_task_twice_does_the_work_once(school, staff):
    export = _request(school, staff)
    with mock.patch("evaluation.reports.exports.pdf_render", return_value=b"%PDF-1.7 fake") as render:
        assert tasks.report_export_make(export.pk) is True
        assert tasks.report_export_make(export.pk) is False
    assert render.call_count == 1
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE


def test_a_failure_is_recorded_not_left_running(school, staff):
    export = _request(school, staff)
    with mock.patch("evaluation.reports.exports.pdf_render", side_effect=OSError("disk full")):
        report_export_make(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert "disk full" in export.error
    assert _request(school, staff).pk != export.pk  # a failed export does not block a new one


# --- pages ---------------------------------------------------------------------------------------


def _post(client, **data):
    return client.post(
        reverse("evaluation:report_export_create"),
        {"kind": "school", "start": START.isoformat(), "end": END.isoformat(), **data},
    )


def test_make_pdf_without_javascript_redirects_back_to_the_report(client_for, staff):
    with mock.patch("evaluation.reports.exports.enqueue"):
        response = _post(client_for(staff))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('evaluation:school_report')}?start={START}&end={END}"
    assert ReportExport.objects.get().requested_by == staff


def test_make_pdf_with_htmx_swaps_the_panel_which_polls_while_it_runs(client_for, staff):
    client = client_for(staff)
    with mock.patch("evaluation.reports.exports.enqueue"):
        response = client.post(
            reverse("evaluation:report_export_create"),
            {"kind": "school", "start": START.isoformat(), "end": END.isoformat()},
            headers={"HX-Request": "true"},
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="export-panel"' in page and 'hx-trigger="every 2s"' in page
    assert "<progress" in page and "Refresh" in page
    export = ReportExport.objects.get()
    ReportExport.objects.filter(pk=export.pk).update(status=ExportStatus.DONE, progress=100, file="x.pdf")
    panel = client.get(reverse("evaluation:report_export_panel"), {"kind": "school", "start": START, "end": END})
    assert "every 2s" not in panel.content.decode()
    assert reverse("evaluation:report_export_download", args=[export.pk]) in panel.content.decode()


def test_the_report_page_shows_the_panel(client_for, leader):
    page = client_for(leader).get(reverse("evaluation:school_report")).content.decode()
    assert "Make PDF" in page and "No PDF made yet." in page


def test_pupils_cannot_make_or_watch_exports(client_for, pupil):
    client = client_for(pupil)
    assert _post(client).status_code == 403
    assert client.get(reverse("evaluation:report_export_panel"), {"kind": "school"}).status_code == 403


def test_a_bad_request_is_a_400_not_a_500(client_for, staff):
    client = client_for(staff)
    assert _post(client, end="junk").status_code == 400
    assert _post(client, kind="everything").status_code == 400
    assert _post(client, kind="project", project="x").status_code == 404


def test_a_project_export_of_another_school_is_a_404(client_for, staff):
    other_project = ProjectFactory(school=SchoolFactory())
    assert _post(client_for(staff), kind="project", project=other_project.pk).status_code == 404


def test_the_panel_refuses_a_project_it_is_handed_from_another_school(rf, staff):
    request = rf.get("/")
    request.school, request.membership = staff.school, staff
    with pytest.raises(Http404):
        panel_context(request, kind="project", project=ProjectFactory(school=SchoolFactory()))


def test_the_panel_checks_the_report_rule_on_the_project_it_is_handed(rf, school):
    request = rf.get("/")
    request.school, request.membership = school, PupilFactory(school=school)
    with pytest.raises(PermissionDenied):
        panel_context(request, kind="project", project=ProjectFactory(school=school))


# --- download ------------------------------------------------------------------------------------


@pytest.fixture
def made(school, staff):
    export = _request(school, staff)
    with mock.patch("evaluation.reports.exports.pdf_render", return_value=b"%PDF-1.7 fake"):
        report_export_make(export_id=export.pk)
    return export


def test_staff_and_leaders_download_the_file(client_for, made, staff, leader):
    url = reverse("evaluation:report_export_download", args=[made.pk])
    for member in (staff, leader):
        response = client_for(member).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.7 fake"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Cache-Control"] == "private, no-store"


def test_pupils_cannot_download(client_for, made, pupil):
    assert client_for(pupil).get(reverse("evaluation:report_export_download", args=[made.pk])).status_code == 403


def test_another_schools_leader_gets_a_404(client_for, made):
    outsider = LeaderFactory(school=SchoolFactory())
    url = reverse("evaluation:report_export_download", args=[made.pk])
    assert client_for(outsider).get(url).status_code == 404


def test_an_unfinished_export_cannot_be_downloaded(client_for, school, staff):
    export = _request(school, staff)
    assert client_for(staff).get(reverse("evaluation:report_export_download", args=[export.pk])).status_code == 404


def test_without_dates_the_pdf_is_of_the_current_term(client_for, staff):
    with mock.patch("evaluation.reports.exports.enqueue"):
        client_for(staff).post(reverse("evaluation:report_export_create"))
    term = current_term(timezone.localdate())
    export = ReportExport.objects.get()
    assert (export.kind, export.period_start, export.period_end) == ("school", term.start, term.end)


# --- project reports -------------------------------------------------------------------------------


def test_a_project_report_pdf_has_the_project_and_the_school(client_for, school, staff):
    project = ProjectFactory(school=school, title="Water fountains")
    page = client_for(staff).get(reverse("evaluation:project_report", args=[project.pk])).content.decode()
    assert "Make PDF" in page
    export = report_export_request(school=school, kind="project", requested_by=staff, project=project)
    tasks.report_export_make(export.pk)
    text = _text(export)
    assert "Project report: Water fountains" in text and school.name in text
    assert "Stage timeline" in text


def test_a_signed_project_pdf_is_the_report_as_signed_with_the_sign_off(school, staff):
    project = ProjectFactory(school=school, title="Water fountains")
    leader = LeaderFactory(school=school)
    ReportSignOff.objects.create(
        project=project,
        signed_by=leader,
        comment="Proud of this group",
        signed_html="<h2>Stage timeline</h2><p>Signed figures: 42 pupils took part</p>",
    )
    export = report_export_request(school=school, kind="project", requested_by=staff, project=project)
    tasks.report_export_make(export.pk)
    text = _text(export)
    assert "Signed off" in text and "Proud of this group" in text and leader.user.display_name in text
    assert "Signed figures: 42 pupils took part" in text


def test_a_project_member_downloads_the_project_pdf_but_a_stranger_pupil_cannot(client_for, school, staff):
    project = ProjectFactory(school=school)
    member = PupilFactory(school=school)
    ProjectMembershipFactory(project=project, membership=member)
    export = report_export_request(school=school, kind="project", requested_by=staff, project=project)
    with mock.patch("evaluation.reports.exports.pdf_render", return_value=b"%PDF-1.7 fake"):
        report_export_make(export_id=export.pk)
    url = reverse("evaluation:report_export_download", args=[export.pk])
    assert client_for(member).get(url).status_code == 200
    assert client_for(PupilFactory(school=school)).get(url).status_code in (403, 404)


@pytest.mark.django_db(transaction=True)
def test_requests_racing_make_one_export(school, staff):
    """On PostgreSQL five threads with their own connections ask at the same moment (the partial
    unique constraint decides); on SQLite, one writer at a time, they ask one after the other."""
    attempts = 5
    with mock.patch("evaluation.reports.exports.enqueue"):  # no task finishes the export meanwhile
        got = [export.pk for export in run_together([lambda: _request(school, staff)] * attempts)]
    assert len(got) == attempts and len(set(got)) == 1
    assert ReportExport.objects.filter(school=school).count() == 1
