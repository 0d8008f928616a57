"""Benchmark: 10,000 reminders, emailed with the in-memory backend, in under 30 s of task time."""

import time
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import EmailDelivery, EmailStatus, Membership, Notification, Role, User
from people.notifications import services
from people.notifications.reminders import reminder_run
from projects.models import Project, ProjectMembership, Stage, StageDeadline

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PEOPLE = 10_000
TODAY = date(2026, 11, 23)
# Queries per batch of BATCH_SIZE recipients: notify (read people, guardians, insert, re-read, insert
# emails, read pending, outbox row) and send_emails (claim, read, mark sent), with room for SQLite
# splitting a 500-row INSERT into several statements.
QUERIES_PER_BATCH = 30


@pytest.fixture
def project_of_10000(school):
    users = User.objects.bulk_create(
        User(username=f"bench{n}", email=f"bench{n}@example.org", password="!") for n in range(PEOPLE)
    )
    if users[0].pk is None:  # backends that do not return ids from bulk inserts
        users = list(User.objects.filter(username__startswith="bench"))
    Membership.objects.bulk_create(Membership(user=user, school=school, role=Role.STAFF) for user in users)
    project = Project.objects.create(school=school, title="Big", summary="Everyone", stage=Stage.CO_DESIGN)
    ProjectMembership.objects.bulk_create(
        ProjectMembership(project=project, membership_id=pk)
        for pk in Membership.objects.filter(school=school).values_list("pk", flat=True)
    )
    StageDeadline.objects.create(project=project, stage=Stage.CO_DESIGN, due_on=TODAY + timedelta(days=2))
    return project


@pytest.mark.timing
def test_10000_reminders_are_sent_in_under_30_seconds_with_bounded_queries(
    project_of_10000, mailoutbox, django_capture_on_commit_callbacks
):
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        reminder_run(name="stage_deadline", today=TODAY)
    elapsed = time.perf_counter() - started

    assert Notification.objects.count() == PEOPLE
    assert EmailDelivery.objects.filter(status=EmailStatus.SENT).count() == PEOPLE
    assert len(mailoutbox) == PEOPLE
    assert elapsed < 30, f"{PEOPLE} reminders took {elapsed:.1f} s"
    batches = PEOPLE // services.BATCH_SIZE
    assert len(queries) <= batches * QUERIES_PER_BATCH + 10, f"{len(queries)} queries for {batches} batches"
