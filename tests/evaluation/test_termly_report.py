"""The termly school report: terms, one export and one notification per leader however often beat runs."""

from datetime import UTC, date, datetime

import pytest
from django.conf import settings
from django.urls import reverse

from evaluation import tasks
from evaluation.models import ExportStatus, ReportExport
from evaluation.reports.exports import termly_reports_make
from evaluation.reports.periods import current_term, last_ended_term
from people.models import Notification, NotificationKind, School
from tests.factories import LeaderFactory, SchoolFactory

pytestmark = pytest.mark.django_db

AFTER_AUTUMN = date(2027, 1, 3)
AUTUMN = (date(2026, 9, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("today", "term", "start", "end"),
    [
        (date(2026, 10, 5), "autumn", date(2026, 9, 1), date(2026, 12, 31)),
        (date(2027, 2, 1), "spring", date(2027, 1, 1), date(2027, 3, 31)),
        (date(2027, 7, 31), "summer", date(2027, 4, 1), date(2027, 7, 31)),
        (date(2027, 8, 15), "summer", date(2027, 4, 1), date(2027, 7, 31)),  # August: the term just ended
    ],
)
def test_the_current_term(today, term, start, end):
    current = current_term(today)
    assert (current.key, current.start, current.end) == (term, start, end)


@pytest.mark.parametrize(
    ("today", "period"),
    [(date(2027, 1, 1), "2026-autumn"), (date(2027, 4, 1), "2027-spring"), (date(2027, 9, 1), "2027-summer")],
)
def test_the_last_ended_term(today, period):
    assert last_ended_term(today).period == period


def test_each_leader_is_told_once_however_often_it_runs(school, django_capture_on_commit_callbacks):
    leaders = LeaderFactory.create_batch(2, school=school)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            termly_reports_make(today=AFTER_AUTUMN)
    export = ReportExport.objects.get(school=school)
    assert (export.status, export.period_start, export.period_end) == (
        ExportStatus.DONE,
        date(2026, 9, 1),
        date(2026, 12, 31),
    )
    assert export.requested_by is None
    notifications = Notification.objects.filter(kind=NotificationKind.SCHOOL_REPORT)
    assert sorted(n.recipient_id for n in notifications) == sorted(leader.pk for leader in leaders)
    assert {n.url for n in notifications} == {reverse("evaluation:report_export_download", args=[export.pk])}


def test_a_rerun_makes_no_second_export(school):
    LeaderFactory(school=school)
    assert termly_reports_make(today=AFTER_AUTUMN) == 1
    assert termly_reports_make(today=AFTER_AUTUMN) == 0
    assert ReportExport.objects.filter(school=school).count() == 1


def test_a_failed_termly_report_is_tried_again_next_time(school):
    assert termly_reports_make(today=AFTER_AUTUMN) == 1
    ReportExport.objects.update(status=ExportStatus.FAILED)
    assert termly_reports_make(today=AFTER_AUTUMN) == 1


def test_a_school_created_after_the_term_gets_no_report_of_it(school):
    School.objects.filter(pk=school.pk).update(created_at=datetime(2027, 1, 2, tzinfo=UTC))
    assert termly_reports_make(today=AFTER_AUTUMN) == 0


def test_every_school_gets_its_own_report(school, django_capture_on_commit_callbacks):
    other = SchoolFactory()
    LeaderFactory(school=school)
    outsider = LeaderFactory(school=other)
    with django_capture_on_commit_callbacks(execute=True):
        assert termly_reports_make(today=AFTER_AUTUMN) == 2
    other_export = ReportExport.objects.get(school=other)
    notification = Notification.objects.get(recipient=outsider)
    assert notification.url == reverse("evaluation:report_export_download", args=[other_export.pk])


def test_beat_runs_the_termly_task_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["termly-school-report"]
    assert entry["task"] == tasks.termly_reports.name == "evaluation.termly_reports"
