"""Private calendar feeds: a secret address per person, serving their sessions, task deadlines, goal
dates and closing votes and surveys, only what they may see; a reset address and another school's
(or a made-up) address answer 404; the text is RFC 5545 (CRLF, folding, escaping, UID, DTSTAMP)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import LogEntry
from people.calendar.ical import Event, escape, fold, render_calendar
from people.calendar.services import calendar_feed_renew
from projects.models import ProjectRole
from projects.services import delivery
from tests.factories import (
    DecisionFactory,
    GoalFactory,
    GuardianLinkFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SchoolFactory,
    SessionFactory,
    SurveyFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def parse(text: str) -> list[dict]:
    """The feed's events as {property name: value}, after checking line ends and unfolding."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75, line
    lines = text.replace("\r\n ", "").split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines and lines[-2] == "END:VCALENDAR"
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name.split(";")[0]] = value
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= event.keys()
    return events


def _feed(client, secret):
    return client.get(reverse("people:calendar_feed", args=[secret]))


def _summaries(client, secret):
    response = _feed(client, secret)
    assert response.status_code == 200
    return {event["SUMMARY"] for event in parse(response.content.decode())}


def test_escaping_and_folding_follow_rfc_5545():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    long = "SUMMARY:" + "é" * 60
    folded = fold(long)
    assert all(len(piece.encode()) <= 75 for piece in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long
    text = render_calendar(
        [Event(uid="x-1", summary="Plan; then, vote", start=date(2027, 3, 1), url="/a/")],
        name="Me",
        domain="school.test",
        now=timezone.now(),
        absolute=lambda path: "https://school.test" + path,
    )
    (event,) = parse(text)
    assert event["UID"] == "x-1@school.test" and event["SUMMARY"] == "Plan\\; then\\, vote"
    assert event["DTSTART"] == "20270301" and event["DTEND"] == "20270302" and event["URL"] == "https://school.test/a/"


@pytest.fixture
def world(school, project, lead, facilitator):
    today = timezone.localdate()
    other_pupil = ProjectMembershipFactory(project=project).membership
    SessionFactory(project=project, held_on=today + timedelta(days=3), place="Library, room 2")
    TaskFactory(project=project, owners=[lead], title="Count the fountains", due_on=today + timedelta(days=5))
    TaskFactory(project=project, owners=[other_pupil], title="Someone else's task", due_on=today + timedelta(days=5))
    delivery.goal_propose(pupil=lead, project=project, goal="Chair a meeting", due_on=today + timedelta(days=9))
    GoalFactory(pupil=other_pupil, staff=facilitator, goal="Another pupil's goal", due_on=today + timedelta(days=4))
    DecisionFactory(project=project, title="Which fountain")
    SurveyFactory(
        school=school,
        title="How did it go",
        status="open",
        audience="pupils",
        closes_at=timezone.now() + timedelta(days=6),
    )
    # Someone else's project in the same school: not in this pupil's calendar.
    elsewhere = ProjectFactory(school=school, title="Another project")
    SessionFactory(project=elsewhere, held_on=today + timedelta(days=2))
    return {"other_pupil": other_pupil}


def test_the_feed_holds_my_dates_and_nobody_elses(client, project, lead, world):
    summaries = _summaries(client, calendar_feed_renew(membership=lead))
    assert f"{project.title}: session at Library\\, room 2" in summaries
    assert "Task due: Count the fountains" in summaries
    assert "My goal: Chair a meeting (waiting to be agreed)" in summaries
    assert "Vote closes: Which fountain" in summaries
    assert "Survey closes: How did it go" in summaries
    text = " ".join(summaries)
    assert "Someone else's task" not in text and "Another pupil's goal" not in text
    assert "Another project" not in text
    assert world["other_pupil"].user.display_name not in _feed(client, calendar_feed_renew(membership=lead)).text


def test_staff_see_the_goals_they_agree_with_the_pupils_name(client, facilitator, world):
    summaries = _summaries(client, calendar_feed_renew(membership=facilitator))
    assert f"Goal of {world['other_pupil'].user.display_name}: Another pupil's goal" in summaries


def test_a_parent_sees_their_childs_goal_with_consent(client, lead, world, school):
    link = GuardianLinkFactory(pupil=lead, consented=True)
    summaries = _summaries(client, calendar_feed_renew(membership=link.parent))
    assert any("Chair a meeting" in s for s in summaries)


def test_a_reset_address_answers_404_and_the_new_one_works(client, lead, world):
    old = calendar_feed_renew(membership=lead)
    new = calendar_feed_renew(membership=lead)
    assert _feed(client, old).status_code == 404
    assert _feed(client, new).status_code == 200
    assert LogEntry.objects.filter(verb="calendar.reset_address").count() == 1


def test_made_up_and_left_members_addresses_answer_404(client, lead):
    assert _feed(client, "not-a-real-secret").status_code == 404
    secret = calendar_feed_renew(membership=lead)
    lead.is_active = False
    lead.save()
    assert _feed(client, secret).status_code == 404


def test_another_schools_feed_shows_only_that_schools_dates(client, lead, world):
    outsider = PupilFactory(school=SchoolFactory())
    summaries = _summaries(client, calendar_feed_renew(membership=outsider))
    assert not any("fountain" in s.lower() or "How did it go" in s for s in summaries)


def test_the_feed_needs_no_session_is_private_and_rate_limited(client, lead, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "calendar_feed": {"account": (2, 3600), "address": (100, 3600)}}
    secret = calendar_feed_renew(membership=lead)
    response = _feed(client, secret)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"].startswith("private")
    assert _feed(client, secret).status_code == 200
    assert _feed(client, secret).status_code == 429


def test_the_preferences_page_shows_the_address_once_and_resets_with_confirmation(client_for, lead):
    client = client_for(lead)
    assert reverse("people:calendar") in client.get(reverse("notifications:preferences")).text
    page = client.get(reverse("people:calendar")).text
    assert "Make my calendar address" in page
    response = client.post(reverse("people:calendar_new"), follow=True)
    first = response.context["feed_url"]
    assert first.startswith("http://testserver/calendar/") and first in response.text
    assert first not in client.get(reverse("people:calendar")).text  # shown once
    confirm = client.get(reverse("people:calendar_new")).text
    assert "Your old address stops working at once" in confirm
    second = client.post(reverse("people:calendar_new"), follow=True).context["feed_url"]
    assert second != first
    assert client.get(first.removeprefix("http://testserver")).status_code == 404
    assert client.get(second.removeprefix("http://testserver")).status_code == 200


def test_every_role_can_make_an_address(client_for, staff, parent, leader):
    for member in (staff, parent, leader):
        assert client_for(member).post(reverse("people:calendar_new")).status_code == 302


def test_a_facilitators_feed_holds_the_projects_sessions(client, project, facilitator, world):
    ProjectMembershipFactory(project=project, membership=PupilFactory(school=project.school), role=ProjectRole.MEMBER)
    assert any("session at" in s for s in _summaries(client, calendar_feed_renew(membership=facilitator)))
