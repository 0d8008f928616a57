"""Votes close at their time with no scheduler (close on read) and by the in-process beat of the
embedded install; facilitators close a vote now or give it more time."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from audit.models import LogEntry
from people.models import Notification
from projects.errors import NotAllowed
from projects.models import Decision, DecisionStatus, ProjectRole, VoterRecord
from projects.services.decision_times import decision_close_if_due, decision_close_now, decision_extend
from projects.services.voting import ballot_cast
from tests.concurrency import run_together
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    LeaderFactory,
    ProjectMembershipFactory,
    SchoolFactory,
    StaffFactory,
)


@pytest.fixture
def ideas(project):
    return [IdeaFactory(project=project, is_shortlisted=True, title=f"Plan {n}") for n in "AB"]


@pytest.fixture
def decision(project, ideas, facilitator):
    return DecisionFactory(project=project, options=ideas)


@pytest.fixture
def voter(project):
    return ProjectMembershipFactory(project=project).membership


def _time_is_up(decision: Decision) -> None:
    Decision.objects.filter(pk=decision.pk).update(closes_at=timezone.now() - timedelta(minutes=5))


def _told(decision: Decision, membership) -> list[str]:
    subject = f"projects.decision:{decision.pk}"
    return list(Notification.objects.filter(subject=subject, recipient=membership).values_list("title", flat=True))


def _url(name: str, decision: Decision) -> str:
    return reverse(f"projects:{name}", args=[decision.pk])


# --- closing on the first read after the closing time ---


@pytest.mark.django_db
def test_the_vote_page_after_closing_time_shows_the_result_and_the_adoption_step(client_for, decision, ideas, voter):
    ballot_cast(decision=decision, voter=voter, choices=[ideas[0].pk])
    _time_is_up(decision)
    leader = LeaderFactory(school=decision.project.school)

    page = client_for(leader).get(_url("decision_detail", decision)).content.decode()

    assert "Result" in page and "Record leadership's answer" in page and "Not open" not in page
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CLOSED and decision.result["ballots"] == 1
    assert decision.closed_at == decision.closes_at  # when voting ended, not when someone looked
    assert _told(decision, voter) == [f"Result published: {decision.title} ({decision.project.title})"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["decision_list", "project_detail"])
def test_the_project_pages_close_a_vote_past_its_time(client_for, decision, facilitator, page):
    _time_is_up(decision)
    assert client_for(facilitator).get(reverse(f"projects:{page}", args=[decision.project.pk])).status_code == 200
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.CLOSED


@pytest.mark.django_db
def test_a_ballot_sent_after_closing_time_closes_the_vote_and_is_not_counted(client_for, decision, ideas, voter):
    _time_is_up(decision)
    client_for(voter).post(_url("decision_vote", decision), {"choices": [ideas[0].pk]})
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CLOSED and decision.result["ballots"] == 0
    assert not VoterRecord.objects.filter(decision=decision).exists()


@pytest.mark.django_db
def test_an_open_vote_is_left_open_by_reading_it(decision):
    assert decision_close_if_due(decision=decision) is False
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.OPEN


@pytest.mark.django_db(transaction=True)
def test_two_readers_at_the_closing_time_close_it_once():
    voter = ProjectMembershipFactory().membership
    project = voter.project_memberships.get().project
    ideas = IdeaFactory.create_batch(2, project=project, is_shortlisted=True)
    decision = DecisionFactory(project=project, options=ideas)
    _time_is_up(decision)
    loaded = [Decision.objects.get(pk=decision.pk), Decision.objects.get(pk=decision.pk)]

    outcomes = run_together([lambda d=d: decision_close_if_due(decision=d) for d in loaded])

    assert sorted(outcomes) == [False, True]
    assert len(_told(decision, voter)) == 1


# --- close now ---


@pytest.mark.django_db
def test_a_facilitator_confirms_then_closes_the_vote_now(client_for, decision, facilitator, voter, ideas):
    ballot_cast(decision=decision, voter=voter, choices=[ideas[1].pk])
    client = client_for(facilitator)
    assert "Close now" in client.get(_url("decision_detail", decision)).content.decode()

    confirm = client.get(_url("decision_close_now", decision))
    assert confirm.status_code == 200 and "Close the vote now" in confirm.content.decode()
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.OPEN  # asking closes nothing

    response = client.post(_url("decision_close_now", decision), follow=True)
    assert "the result is published" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CLOSED and decision.closes_at <= timezone.now()
    assert _told(decision, voter) == [f"Result published: {decision.title} ({decision.project.title})"]
    (entry,) = LogEntry.objects.filter(verb="decision.close_now")
    assert entry.actor == facilitator.user and entry.target_id == decision.pk
    assert set(entry.data) == {"planned_closes_at", "closed_at"}

    # A second press (another tab) changes nothing and says why.
    again = client.post(_url("decision_close_now", decision), follow=True)
    assert "already closed" in again.content.decode()
    assert LogEntry.objects.filter(verb="decision.close_now").count() == 1
    assert len(_told(decision, voter)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["decision_close_now", "decision_extend"])
def test_only_the_projects_facilitators_close_or_extend(client_for, decision, lead, voter, name):
    other_staff = StaffFactory(school=decision.project.school)
    for who in (lead, voter, other_staff):
        assert client_for(who).post(_url(name, decision)).status_code == 403
    assert client_for(StaffFactory(school=SchoolFactory())).post(_url(name, decision)).status_code == 404
    assert "Close now" not in client_for(lead).get(_url("decision_detail", decision)).content.decode()
    with pytest.raises(NotAllowed, match="facilitators"):
        decision_close_now(decision=decision, actor=lead)
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.OPEN


@pytest.mark.django_db
def test_a_vote_that_has_not_opened_cannot_be_closed_or_extended(decision, facilitator):
    Decision.objects.filter(pk=decision.pk).update(opens_at=timezone.now() + timedelta(days=1))
    with pytest.raises(NotAllowed, match="not opened yet"):
        decision_close_now(decision=decision, actor=facilitator)
    with pytest.raises(NotAllowed, match="not opened yet"):
        decision_extend(decision=decision, actor=facilitator, closes_at=decision.closes_at + timedelta(days=9))


# --- extend ---


@pytest.mark.django_db
def test_a_facilitator_extends_the_vote_and_voters_are_told_once(client_for, decision, facilitator, voter):
    later = timezone.localtime(decision.closes_at + timedelta(days=2)).replace(second=0, microsecond=0)
    client = client_for(facilitator)
    assert client.get(_url("decision_extend", decision)).status_code == 200

    response = client.post(_url("decision_extend", decision), {"closes_at": later.strftime("%Y-%m-%dT%H:%M")})

    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.closes_at == later and decision.status == DecisionStatus.OPEN
    assert _told(decision, voter) == [f"More time to vote: {decision.title}"]
    (entry,) = LogEntry.objects.filter(verb="decision.extend")
    assert entry.actor == facilitator.user and entry.data["to"] == later.isoformat()

    # A second extension is news again; each is told once.
    decision_extend(decision=decision, actor=facilitator, closes_at=later + timedelta(days=1))
    assert len(_told(decision, voter)) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["", "not a date", "2001-01-01T09:00"])
def test_extending_needs_a_later_time(client_for, decision, facilitator, value):
    before = decision.closes_at
    response = client_for(facilitator).post(_url("decision_extend", decision), {"closes_at": value})
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    assert Decision.objects.get(pk=decision.pk).closes_at == before
    assert not LogEntry.objects.filter(verb="decision.extend").exists()


@pytest.mark.django_db
def test_the_service_refuses_an_earlier_time_and_a_closed_vote(decision, facilitator):
    with pytest.raises(NotAllowed, match="later than the current"):
        decision_extend(decision=decision, actor=facilitator, closes_at=decision.closes_at - timedelta(hours=1))
    _time_is_up(decision)
    with pytest.raises(NotAllowed, match="already closed"):
        decision_extend(decision=decision, actor=facilitator, closes_at=timezone.now() + timedelta(days=1))


@pytest.mark.django_db
def test_a_lead_sees_no_close_or_extend_buttons(client_for, decision, project):
    lead = ProjectMembershipFactory(project=project, role=ProjectRole.LEAD).membership
    page = client_for(lead).get(_url("decision_detail", decision)).content.decode()
    assert "Give more time" not in page and "Close now" not in page


# --- the embedded install's in-process beat ---


@pytest.mark.django_db(transaction=True)
def test_the_in_process_beat_closes_a_due_vote_by_itself(settings, monkeypatch):
    from coproschool import celery

    decision = DecisionFactory(
        options=[], opens_at=timezone.now() - timedelta(hours=2), closes_at=timezone.now() - timedelta(minutes=1)
    )
    # As if the server had been down past the job's minute: due at once, not a minute from now.
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=60, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="close-due-decisions",
        task="projects.close_due_decisions",
        interval=every_minute,
        last_run_at=timezone.now() - timedelta(hours=1),
    )
    settings.SCHEDULE_IN_PROCESS = True
    monkeypatch.setattr(celery, "_in_process_beat", None)

    thread = celery.beat_start_in_process()
    try:
        assert celery.beat_start_in_process() is thread  # started once per process
        deadline = time.monotonic() + 30
        while Decision.objects.get(pk=decision.pk).status != DecisionStatus.CLOSED:
            assert time.monotonic() < deadline, "the in-process beat did not close the vote"
            time.sleep(0.2)
    finally:
        thread.stop()
    assert not thread.is_alive()


def test_no_in_process_beat_where_a_real_beat_runs(settings, monkeypatch):
    from coproschool import celery

    settings.SCHEDULE_IN_PROCESS = False
    monkeypatch.setattr(celery, "_in_process_beat", None)
    assert celery.beat_start_in_process() is None
