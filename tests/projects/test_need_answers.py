"""An answer to every need (issue 21, items 5 and 7), with a moved clock (django.utils.timezone.now patched)."""

import csv
import io
from datetime import date, datetime

import pytest
from celery import current_app
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from people.models import Notification
from people.notifications.reminders import reminder_run
from projects.errors import NotAllowed
from projects.models import NeedStatus, SchoolHoliday
from projects.selectors.answering import needs_answered_in_time_share, needs_median_days_to_answer, needs_overdue_for
from projects.services import answering, needs
from projects.services.voting import ballot_cast, decision_close, decision_record_adoption
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    LeaderFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    StaffFactory,
)

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


def _beat_reminders() -> None:
    """What Celery beat runs each morning for the needs past their deadline (the real task and kwargs)."""
    entry = settings.CELERY_BEAT_SCHEDULE["reminder-need-answers-due"]
    current_app.tasks[entry["task"]].apply(kwargs=entry["kwargs"]).get()


def test_moved_clock_overdue_on_the_right_school_day_and_the_beat_task_reminds_once_a_day(clock, school, client_for):
    answerer = StaffFactory(school=school, user__first_name="Nia")
    leader = LeaderFactory(school=school)
    answering.need_answering_set(school=school, actor=leader, answerer=answerer, answer_days=3, heads_of_year={})
    clock(date(2026, 12, 3))  # a Thursday: three school days is Tuesday 8 Dec (the weekend skipped)
    need = _raise(PupilFactory(school=school), title="Leaking roof")
    assert need.answer_due_on == date(2026, 12, 8)
    sent = Notification.objects.filter(kind="need_answers_due")
    for day in (date(2026, 12, 4), date(2026, 12, 7), date(2026, 12, 8)):  # Friday, Monday, the deadline
        clock(day)
        _beat_reminders()
        assert not sent.exists()
        assert "Leaking roof" not in client_for(answerer).get("/").content.decode()
    clock(date(2026, 12, 9))  # overdue from Wednesday
    _beat_reminders()
    _beat_reminders()  # the beat task runs again on the same day (a retry, a second worker)
    assert sorted(sent.values_list("recipient_id", flat=True)) == sorted([answerer.pk, leader.pk])
    for member in (answerer, leader):
        home = client_for(member).get("/").content.decode()
        assert "Leaking roof" in home
    clock(date(2026, 12, 10))
    _beat_reminders()
    assert sent.count() == 4
    clock(date(2026, 12, 12))  # Saturday: no reminder
    _beat_reminders()
    assert sent.count() == 4


def test_look_again_must_be_a_school_day_the_form_says_which_is_next(clock, school, client_for):
    staff = LeaderFactory(school=school)
    SchoolHoliday.objects.create(
        school=school, name="Christmas", first_day=date(2026, 12, 21), last_day=date(2027, 1, 4)
    )
    clock(date(2026, 12, 1))
    need = _raise(PupilFactory(school=school))
    with pytest.raises(NotAllowed, match="Saturday 12 December is a weekend"):
        answering.need_not_now(need=need, actor=staff, reason="Budget.", look_again_on=date(2026, 12, 12))
    client = client_for(staff)
    url = f"/needs/{need.pk}/not-now/"
    page = client.post(url, {"reason": "Budget.", "look_again_on": "2026-12-28"}).content.decode()
    assert "Monday 28 December is in a school holiday." in page
    assert "the next one is Tuesday 5 January" in page
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN
    response = client.post(url, {"reason": "Budget.", "look_again_on": "2027-01-05"})
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.status == NeedStatus.NOT_NOW and need.look_again_on == date(2027, 1, 5)


def _closed_vote(project, leader, *, pupils: int, staff: int, adopted: bool | None):
    idea = IdeaFactory(project=project)
    decision = DecisionFactory(project=project, options=[idea])
    voters = PupilFactory.create_batch(pupils, school=project.school)
    voters += StaffFactory.create_batch(staff, school=project.school)
    for member in voters:
        ProjectMembershipFactory(project=project, membership=member)
        ballot_cast(decision=decision, voter=member, choices=[idea.pk])
    decision_close(decision=decision)
    if adopted is not None:
        decision_record_adoption(decision=decision, actor=leader, adopted=adopted, reason="" if adopted else "Cost.")
    return decision


def test_moved_clock_report_figures_on_the_page_and_in_the_csv(clock, school, client_for):
    staff, leader = StaffFactory(school=school), LeaderFactory(school=school)
    pupil = PupilFactory(school=school)
    clock(date(2026, 11, 30))  # Monday; ten school days: Monday 14 Dec
    fast, late, slow, _waiting = _raise(pupil, "A"), _raise(pupil, "B"), _raise(pupil, "C"), _raise(pupil, "D")
    clock(date(2026, 12, 2))  # 2 school days
    needs.need_decline(need=fast, actor=staff, reason="Fixed already.")
    clock(date(2026, 12, 14))  # 10 school days: on the deadline, in time
    answering.need_not_now(need=slow, actor=staff, reason="Spring.", look_again_on=date(2027, 3, 1))
    clock(date(2026, 12, 16))  # 12 school days: late
    needs.need_decline(need=late, actor=staff, reason="Not ours to fix.")
    project = ProjectFactory(school=school)
    _closed_vote(project, leader, pupils=3, staff=1, adopted=True)  # pupil-backed, adopted
    _closed_vote(project, leader, pupils=2, staff=1, adopted=False)  # pupil-backed, not adopted
    _closed_vote(project, leader, pupils=1, staff=2, adopted=True)  # staff-backed: not counted
    _closed_vote(project, leader, pupils=3, staff=0, adopted=None)  # not answered yet: not counted
    # In time: A and C of A, B, C, D (D is past its deadline, unanswered). Median of 2, 10, 12: 10.
    params = {"start": "2026-11-01", "end": "2026-12-31"}
    page = client_for(leader).get(reverse("evaluation:school_report"), params).content.decode()
    assert "<strong>50%</strong> (2 of 4)" in page
    assert "<strong>10</strong>" in page
    assert "<strong>50%</strong> (1 of 2)" in page
    rows = list(
        csv.reader(
            io.StringIO(client_for(leader).get(reverse("evaluation:school_report_csv"), params).content.decode())
        )
    )
    assert ["needs answered in time", "", "50%", "2", "4"] in rows
    assert ["median school days to an answer", "10", "", "", ""] in rows
    assert ["pupil-backed decisions adopted", "", "50%", "1", "2"] in rows
    assert any(row[:1] == ["Then took part"] for row in rows)
