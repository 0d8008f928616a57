"""An answer to every need (issue 21, items 5 and 7), with a moved clock (django.utils.timezone.now patched)."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from people.models import Notification
from people.notifications.reminders import reminder_run
from projects.models import NeedStatus, SchoolHoliday
from projects.selectors.answering import needs_answered_in_time_share, needs_median_days_to_answer, needs_overdue_for
from projects.services import answering, needs
from tests.factories import LeaderFactory, PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def clock(monkeypatch):
    def move(day: date) -> None:
        monkeypatch.setattr(timezone, "now", lambda: _at(day))

    return move


def _raise(author, title="Broken fountains"):
    return needs.need_raise(author=author, title=title, problem="No water.", affects="Everyone", category="facilities")


def test_it_becomes_overdue_on_the_right_school_day_weekends_and_holidays_skipped(clock, school):
    answerer = StaffFactory(school=school)
    leader = LeaderFactory(school=school)
    answering.need_answering_set(school=school, actor=leader, answerer=answerer, answer_days=10, heads_of_year={})
    # Raised Monday 30 Nov 2026: ten school days is Monday 14 Dec.
    clock(date(2026, 11, 30))
    need = _raise(PupilFactory(school=school))
    assert need.answerer == answerer and need.answer_due_on == date(2026, 12, 14)
    assert not needs_overdue_for(member=answerer, today=date(2026, 12, 14)).exists()
    assert list(needs_overdue_for(member=answerer, today=date(2026, 12, 15))) == [need]
    # A holiday day moves the next deadline by one school day.
    SchoolHoliday.objects.create(school=school, name="Inset", first_day=date(2026, 12, 2), last_day=date(2026, 12, 2))
    second = _raise(PupilFactory(school=school), title="Cold classrooms")
    assert second.answer_due_on == date(2026, 12, 15)


def test_answerer_and_leader_reminded_once_a_day_and_a_retry_sends_nothing_twice(clock, school):
    answerer = StaffFactory(school=school)
    leader = LeaderFactory(school=school)
    answering.need_answering_set(school=school, actor=leader, answerer=answerer, answer_days=10, heads_of_year={})
    clock(date(2026, 11, 30))
    _raise(PupilFactory(school=school))
    reminder_run(name="need_answers_due", today=date(2026, 12, 14))
    assert not Notification.objects.filter(kind="need_answers_due").exists()
    reminder_run(name="need_answers_due", today=date(2026, 12, 15))
    reminder_run(name="need_answers_due", today=date(2026, 12, 15))  # a retry
    sent = Notification.objects.filter(kind="need_answers_due")
    assert sorted(sent.values_list("recipient_id", flat=True)) == sorted([answerer.pk, leader.pk])
    reminder_run(name="need_answers_due", today=date(2026, 12, 16))
    assert sent.count() == 4
    reminder_run(name="need_answers_due", today=date(2026, 12, 19))  # a Saturday: nobody
    assert sent.count() == 4


def test_not_now_comes_back_to_the_answerer_on_its_date(clock, school):
    answerer = StaffFactory(school=school)
    leader = LeaderFactory(school=school)
    answering.need_answering_set(school=school, actor=leader, answerer=answerer, answer_days=10, heads_of_year={})
    clock(date(2026, 11, 30))
    need = _raise(PupilFactory(school=school))
    answering.need_not_now(need=need, actor=answerer, reason="The budget is spent.", look_again_on=date(2027, 1, 11))
    need.refresh_from_db()
    assert need.status == NeedStatus.NOT_NOW and need.first_answered_at is not None
    assert not needs_overdue_for(member=answerer, today=date(2027, 1, 8)).exists()
    assert list(needs_overdue_for(member=answerer, today=date(2027, 1, 11))) == [need]


def test_report_figures_match_hand_computed_values(clock, school):
    staff = StaffFactory(school=school)
    pupil = PupilFactory(school=school)
    clock(date(2026, 11, 30))  # Monday; deadline Mon 14 Dec
    fast, late, waiting = _raise(pupil, "A"), _raise(pupil, "B"), _raise(pupil, "C")
    clock(date(2026, 12, 2))  # two school days
    needs.need_decline(need=fast, actor=staff, reason="Fixed already.")
    clock(date(2026, 12, 16))  # twelve school days: late
    answering.need_not_now(need=late, actor=staff, reason="Spring.", look_again_on=date(2027, 3, 1))
    share = needs_answered_in_time_share(
        school=school, start=date(2026, 11, 1), end=date(2026, 12, 31), today=date(2026, 12, 16)
    )
    # The waiting one is past its deadline: counted, not in time.
    assert share == {"in_time": 1, "counted": 3, "percent": 33}
    assert needs_median_days_to_answer(school=school, start=date(2026, 11, 1), end=date(2026, 12, 31)) == 7
    assert waiting.pk


def test_every_member_sees_you_said_we_did_and_a_pupil_sees_who_answers(client_for, school, pupil, leader):
    need = _raise(pupil)
    page = client_for(pupil).get(f"/needs/{need.pk}/")
    assert "will answer by" in page.content.decode()
    said = client_for(pupil).get("/you-said-we-did/")
    assert said.status_code == 200 and "Broken fountains" in said.content.decode()
