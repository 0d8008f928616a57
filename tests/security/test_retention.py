"""Retention: the nightly purge erases people once their school's retention period has passed since
they left, and nobody earlier (frozen clock: django.utils.timezone.now patched)."""

from datetime import date, datetime
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from coproschool.celery import app
from people.models import User
from people.privacy.services import is_erased, membership_leave, privacy_purge
from people.tasks import privacy_purge as privacy_purge_task
from projects.models import VoterRecord
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SchoolFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

LEFT_ON = date(2025, 7, 18)


def frozen(day: date):
    """The clock at noon (UTC) on `day`, for everything that asks timezone.now()."""
    return mock.patch("django.utils.timezone.now", return_value=timezone.make_aware(datetime(*day.timetuple()[:3], 12)))


@pytest.fixture
def leaver():
    school = SchoolFactory(retention_years=2)
    pupil = PupilFactory(school=school, user__first_name="Ola")
    with frozen(LEFT_ON):
        membership_leave(membership=pupil)
    pupil.refresh_from_db()
    return pupil


def test_leaving_records_the_day_and_ends_the_membership(leaver):
    assert (leaver.is_active, leaver.left_on) == (False, LEFT_ON)


def test_nobody_is_erased_before_the_retention_period_ends(leaver):
    with frozen(date(2027, 7, 17)):
        assert privacy_purge_task.delay().get() == 0
    assert not is_erased(User.objects.get(pk=leaver.user_id))


def test_the_purge_erases_on_the_day_the_retention_period_ends(leaver):
    with frozen(date(2027, 7, 18)):
        assert privacy_purge_task.delay().get() == 1
    user = User.objects.get(pk=leaver.user_id)
    assert is_erased(user) and user.first_name == "Former"


def test_the_purge_keeps_aggregates(leaver):
    project = ProjectMembershipFactory(membership=leaver, project__school=leaver.school).project
    decision = DecisionFactory(project=project, options=[IdeaFactory(project=project) for _ in range(2)])
    VoterRecord.objects.create(decision=decision, membership=leaver, voted_on=LEFT_ON)
    privacy_purge(today=date(2030, 1, 1))
    assert VoterRecord.objects.filter(decision=decision).count() == 1


def test_a_second_run_erases_nobody_again(leaver):
    assert privacy_purge(today=date(2030, 1, 1)) == 1
    assert privacy_purge(today=date(2030, 1, 1)) == 0


def test_someone_still_active_in_another_role_is_kept(leaver):
    PupilFactory._meta.model.objects.create(user=leaver.user, school=leaver.school, role="parent")
    assert privacy_purge(today=date(2030, 1, 1)) == 0


def test_an_inactive_membership_without_a_leaving_day_is_never_purged():
    pupil = PupilFactory(is_active=False)
    assert privacy_purge(today=date(2100, 1, 1)) == 0
    assert not is_erased(User.objects.get(pk=pupil.user_id))


def test_the_retention_period_is_the_schools(leaver):
    leaver.school.retention_years = 1
    leaver.school.save()
    assert privacy_purge(today=date(2026, 7, 18)) == 1


def test_the_purge_runs_nightly_from_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-purge"]
    assert entry["task"] == "people.privacy_purge" and entry["task"] in app.tasks


def test_staff_mark_a_pupil_as_left_which_starts_the_retention_period(client_for):
    pupil = PupilFactory()
    staff = StaffFactory(school=pupil.school)
    client = client_for(staff)
    with frozen(date(2026, 9, 1)):
        assert client.post(reverse("people:leave", args=[pupil.pk]), {"confirm": "on"}).status_code == 302
    pupil.refresh_from_db()
    assert (pupil.is_active, pupil.left_on) == (False, date(2026, 9, 1))
    assert privacy_purge(today=date(2027, 8, 31)) == 0
    assert privacy_purge(today=date(2027, 9, 1)) == 1
