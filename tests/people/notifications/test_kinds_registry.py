"""The walk: for every registered notification kind, its event happens through the service, and
exactly the right people get exactly one notification, in the right channel, with a link that opens
for them. A kind registered without a scenario here fails the walk, naming it."""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from evaluation.invitations.services import invitations_send
from evaluation.reports.exports import termly_reports_make
from evaluation.reports.signoff import report_sign_off
from evaluation.services import survey_open
from people.models import ConsentStatus, EmailChannel, Membership, Notification, NotificationKind, Role
from people.notifications.kinds import KINDS, Channel, kind_choices
from people.notifications.reminders import reminder_run
from people.services.invitations import guardian_link_set_consent
from projects.models import Decision, Need, Stage, StageDeadline
from projects.selectors.decisions import eligible_voters
from projects.services import answering, delivery, moderation, needs, projects, stages, voting
from projects.services import decision_times as voting_times
from projects.services.pictures import picture_add, picture_approve, picture_remove
from projects.services.voting import DecisionRules
from tests.factories import (
    BackingFactory,
    GuardianLinkFactory,
    IdeaFactory,
    LeaderFactory,
    NeedCommentFactory,
    NeedFactory,
    PupilFactory,
    QuestionFactory,
    SessionFactory,
    StaffFactory,
    SurveyFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class World:
    school: object
    project: object
    lead: object
    facilitator: object
    staff: object


@pytest.fixture
def world(school, project, lead, facilitator):
    project.needs.add(NeedFactory(school=school))
    project.what_you_get_back = "A certificate."
    project.save()
    return World(school=school, project=project, lead=lead, facilitator=facilitator, staff=StaffFactory(school=school))


def _need_declined(w):
    need = NeedFactory(school=w.school)
    needs.need_decline(need=need, actor=w.staff, reason="The fountains are being replaced next week.")
    return [need.author]


def _need_not_now(w):
    need = NeedFactory(school=w.school)
    backer = BackingFactory(need=need).membership
    answering.need_not_now(
        need=need, actor=w.staff, reason="The budget is spent.", look_again_on=timezone.localdate() + timedelta(days=30)
    )
    return [need.author, backer]


def _need_merged(w):
    duplicate, into = NeedFactory(school=w.school), NeedFactory(school=w.school)
    backer = BackingFactory(need=duplicate).membership
    needs.need_merge(duplicate=duplicate, into=into, actor=w.staff)
    return [duplicate.author, backer]


def _need_in_project(w):
    need = NeedFactory(school=w.school)
    backer = BackingFactory(need=need).membership
    projects.project_start(starter=PupilFactory(school=w.school), needs=[need], title="Fountains", summary="Fix")
    return [need.author, backer]


def _stage_proposed(w):
    stages.stage_propose(project=w.project, actor=w.lead)
    return [w.facilitator]


def _stage_moved(w):
    proposal = stages.stage_propose(project=w.project, actor=w.lead)
    stages.stage_confirm(proposal=proposal, actor=w.facilitator)
    return [w.lead]


def _stage_back(w):
    stages.project_move_stage(
        project=w.project, actor=w.facilitator, to_stage=Stage.CO_DESIGN, reason="setup", override=True
    )
    Notification.objects.all().delete()
    stages.project_move_stage(project=w.project, actor=w.facilitator, to_stage=Stage.CO_IDENTIFY, reason="More needs")
    return [w.lead]


def _join_requested(w):
    projects.join_request_create(project=w.project, membership=PupilFactory(school=w.school))
    return [w.lead, w.facilitator]


def _join_answered(w):
    asker = PupilFactory(school=w.school)
    join_request = projects.join_request_create(project=w.project, membership=asker)
    projects.join_request_decide(join_request=join_request, actor=w.lead, accept=False)
    return [asker]


def _member_joined(w):
    join_request = projects.join_request_create(project=w.project, membership=PupilFactory(school=w.school))
    projects.join_request_decide(join_request=join_request, actor=w.lead, accept=True)
    return [w.facilitator]


def _project_taken_on(w):
    projects.project_take_on(project=w.project, staff=w.staff)
    return [w.lead]


def _task_assigned(w):
    delivery.task_create(project=w.project, actor=w.facilitator, title="Count the fountains", owners=[w.lead])
    return [w.lead]


def _goal_set(w):
    delivery.goal_create(staff=w.staff, pupil=w.lead, goal="Speak up twice")
    return [w.lead]


def _goal_met(w):
    goal = delivery.goal_create(staff=w.staff, pupil=w.lead, goal="Speak up twice")
    delivery.goal_set_met(goal=goal, actor=w.staff, met=True)
    return [w.lead]


def _propose_goal(w):
    from datetime import date, timedelta

    return delivery.goal_propose(
        pupil=w.lead, project=w.project, goal="Chair a meeting", due_on=date.today() + timedelta(days=9)
    )


def _goal_proposed(w):
    _propose_goal(w)
    return [w.facilitator]


def _goal_agreed(w):
    delivery.goal_agree(goal=_propose_goal(w), actor=w.facilitator)
    return [w.lead]


def _goal_change_asked(w):
    delivery.goal_ask_change(goal=_propose_goal(w), actor=w.facilitator, reason="A later date, please")
    return [w.lead]


def _content_hidden(w):
    comment = NeedCommentFactory(need=NeedFactory(school=w.school))
    report = moderation.report_create(reporter=w.lead, target=comment, reason="Rude")
    moderation.report_hide(report=report, actor=w.staff, reason="Unkind words")
    return [comment.author]


def _consent_changed(w):
    link = GuardianLinkFactory(pupil=w.lead, consent_status=ConsentStatus.PENDING)
    guardian_link_set_consent(link=link, parent=link.parent, status=ConsentStatus.GIVEN)
    return [w.lead, w.facilitator]


def _safeguarding_concern(w):
    lead = StaffFactory(school=w.school, is_safeguarding_lead=True)
    moderation.report_create(
        reporter=w.lead, target=NeedFactory(school=w.school), reason="Worried", is_safeguarding=True
    )
    return [lead]


def _deciding(w):
    for stage in (Stage.CO_DESIGN, Stage.CO_DECIDE):
        if stage == Stage.CO_DECIDE:
            ideas = [IdeaFactory(project=w.project, is_shortlisted=True) for _ in range(2)]
        stages.project_move_stage(project=w.project, actor=w.facilitator, to_stage=stage, reason="setup", override=True)
    now = timezone.now()
    rules = DecisionRules(
        title="Which plan?", method="approval", options=ideas, opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=3),
    )  # fmt: skip
    w.project.refresh_from_db()
    return voting.decision_create(project=w.project, actor=w.facilitator, rules=rules)


def _voters(decision, *, but=None):
    return [member for member in eligible_voters(decision) if member != but]


def _vote_opened(w):
    decision = _deciding(w)
    return _voters(decision, but=w.facilitator)


def _vote_result(w):
    decision = _deciding(w)
    voting.decision_close(decision=decision)
    return _voters(decision)


def _vote_adoption(w):
    decision = _deciding(w)
    voting.decision_close(decision=decision)
    leader = LeaderFactory(school=w.school)
    voting.decision_record_adoption(decision=decision, actor=leader, adopted=False, reason="No budget this term")
    return _voters(decision, but=leader)


def _survey_opened(w):
    survey = SurveyFactory(school=w.school, status="draft", audience="pupils")
    QuestionFactory(survey=survey)
    survey_open(survey=survey)
    return list(Membership.objects.filter(school=w.school, role=Role.PUPIL))


def _in_co_evaluate(w):
    for stage in (Stage.CO_DESIGN, Stage.CO_DECIDE, Stage.CO_DELIVER, Stage.CO_EVALUATE):
        stages.project_move_stage(project=w.project, actor=w.facilitator, to_stage=stage, reason="setup", override=True)
    w.project.refresh_from_db()


def _report_awaiting(w):
    leader = LeaderFactory(school=w.school)
    _in_co_evaluate(w)
    return [leader]


def _report_signed(w):
    leader = LeaderFactory(school=w.school)
    _in_co_evaluate(w)
    report_sign_off(project=w.project, leader=leader, comment="Well done, all of you.")
    return [w.lead, w.facilitator]


def _need_responded(w):
    need = NeedFactory(school=w.school)
    needs.need_comment_add(need=need, author=w.staff, body="We are on it.")
    return [need.author]


def _session_planned(w):
    delivery.session_save(project=w.project, actor=w.facilitator, held_on=timezone.localdate(), place="Library")
    return [w.lead]


def _session_changed(w):
    session = delivery.session_save(project=w.project, actor=w.facilitator, held_on=timezone.localdate(), place="Hall")
    delivery.session_save(project=w.project, actor=w.facilitator, held_on=session.held_on, place="Gym", session=session)
    return [w.lead]


def _picture_waiting(w):
    data = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(data, "JPEG")
    need = NeedFactory(school=w.school, author=w.lead)
    upload = SimpleUploadedFile("drawing.jpg", data.getvalue(), "image/jpeg")
    return picture_add(parent=need, uploader=w.lead, upload=upload, alt_text="A drawing of a bench")


def _picture_approved(w):
    picture_approve(picture=_picture_waiting(w), staff=w.staff)
    return [w.lead]


def _picture_removed(w):
    picture_remove(picture=_picture_waiting(w), actor=w.staff)
    return [w.lead]


def _invited(w):
    need = NeedFactory(school=w.school)
    pupil = PupilFactory(school=w.school)
    invitations_send(inviter=w.staff, target=need, pupil_ids=[pupil.pk], message="We would love your view.")
    return [pupil]


def _session_cancelled(w):
    session = delivery.session_save(project=w.project, actor=w.facilitator, held_on=timezone.localdate(), place="Hall")
    Notification.objects.all().delete()
    delivery.session_cancel(session=session, actor=w.facilitator, reason="The hall is booked for exams.")
    delivery.session_cancel(session=session, actor=w.facilitator, reason="Still booked.")  # no second message
    return [w.lead]


# Reminders: their event is a day, so the scenario is the beat job run for today (twice: once each).
def _run_twice(name):
    for _ in range(2):
        reminder_run(name=name, today=timezone.localdate())


def _stage_deadline(w):
    StageDeadline.objects.create(project=w.project, stage=w.project.stage, due_on=timezone.localdate() + timedelta(2))
    _run_twice("stage_deadline")
    return _members(w)


def _vote_closing(w):
    decision = _deciding(w)
    tomorrow_noon = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(1), time(12)))
    Decision.objects.filter(pk=decision.pk).update(closes_at=tomorrow_noon)
    _run_twice("vote_closing")
    return _voters(decision)


def _survey_closing(w):
    tomorrow_noon = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(1), time(12)))
    survey = SurveyFactory(school=w.school, audience="pupils", closes_at=tomorrow_noon)
    QuestionFactory(survey=survey)
    _run_twice("survey_closing")
    return list(Membership.objects.filter(school=w.school, role=Role.PUPIL))


def _session_tomorrow(w):
    SessionFactory(project=w.project, held_on=timezone.localdate() + timedelta(1))
    SessionFactory(project=w.project, held_on=timezone.localdate() + timedelta(1), cancelled_at=timezone.now())
    _run_twice("session_tomorrow")
    return _members(w)


def _task_due_tomorrow(w):
    TaskFactory(project=w.project, owners=[w.lead], due_on=timezone.localdate() + timedelta(1))
    TaskFactory(project=w.project, owners=[w.lead], due_on=timezone.localdate() + timedelta(1), status="done")
    _run_twice("task_due_tomorrow")
    return [w.lead]


def _task_overdue(w):
    TaskFactory(project=w.project, owners=[w.lead], due_on=timezone.localdate() - timedelta(1))
    _run_twice("task_overdue")
    return [w.lead, w.facilitator]


def _facilitator_digest(w):
    _run_twice("facilitator_digest")
    return [w.facilitator]


def _school_report(w):
    leaders = [LeaderFactory(school=w.school)]
    for _ in range(2):
        termly_reports_make(today=date(2027, 1, 3))
    return leaders


def _announcement(w):
    decision = _deciding(w)
    voting_times.decision_extend(decision=decision, actor=w.facilitator, closes_at=decision.closes_at + timedelta(1))
    return _voters(decision)


def _members(w):
    return [pm.membership for pm in w.project.memberships.select_related("membership")]


def _need_answers_due(w):
    leader = LeaderFactory(school=w.school)
    need = NeedFactory(school=w.school)
    Need.objects.filter(pk=need.pk).update(answerer=w.staff, answer_due_on=date(2026, 12, 14))
    for _ in range(2):  # a retry sends nothing twice
        reminder_run(name="need_answers_due", today=date(2026, 12, 15))  # a Tuesday
    return [w.staff, leader]


SCENARIOS: dict[str, Callable[[World], list]] = {
    "picture_approved": _picture_approved,
    "picture_removed": _picture_removed,
    "invited": _invited,
    "need_declined": _need_declined,
    "need_not_now": _need_not_now,
    "need_merged": _need_merged,
    "need_in_project": _need_in_project,
    "stage_proposed": _stage_proposed,
    "stage_moved": _stage_moved,
    "stage_back": _stage_back,
    "join_requested": _join_requested,
    "join_answered": _join_answered,
    "member_joined": _member_joined,
    "project_taken_on": _project_taken_on,
    "task_assigned": _task_assigned,
    "goal_set": _goal_set,
    "goal_met": _goal_met,
    "goal_proposed": _goal_proposed,
    "goal_agreed": _goal_agreed,
    "goal_change_asked": _goal_change_asked,
    "content_hidden": _content_hidden,
    "consent_changed": _consent_changed,
    "vote_opened": _vote_opened,
    "vote_result": _vote_result,
    "vote_adoption": _vote_adoption,
    "survey_opened": _survey_opened,
    "need_responded": _need_responded,
    "session_planned": _session_planned,
    "session_changed": _session_changed,
    "report_awaiting": _report_awaiting,
    "report_signed": _report_signed,
    NotificationKind.SAFEGUARDING_CONCERN: _safeguarding_concern,
    "session_cancelled": _session_cancelled,
    "task_due_tomorrow": _task_due_tomorrow,
    NotificationKind.STAGE_DEADLINE: _stage_deadline,
    NotificationKind.VOTE_CLOSING: _vote_closing,
    NotificationKind.SURVEY_CLOSING: _survey_closing,
    NotificationKind.SESSION_TOMORROW: _session_tomorrow,
    NotificationKind.TASK_OVERDUE: _task_overdue,
    NotificationKind.FACILITATOR_DIGEST: _facilitator_digest,
    NotificationKind.SCHOOL_REPORT: _school_report,
    NotificationKind.ANNOUNCEMENT: _announcement,
    "need_answers_due": _need_answers_due,
}

# What an adult with an address gets by default, from the kind's channel; pupils' stay in the inbox.
EMAIL_FOR_CHANNEL = {
    Channel.NOW: EmailChannel.IMMEDIATE,
    Channel.DIGEST: EmailChannel.DIGEST,
    Channel.INBOX: EmailChannel.NONE,
}


def test_every_kind_has_a_scenario_and_fits_the_column():
    missing = set(KINDS) - set(SCENARIOS)
    assert not missing, f"Add a scenario to the walk for: {sorted(missing)}"
    assert [key for key, _ in kind_choices()] == list(KINDS)
    assert all(len(key) <= Notification._meta.get_field("kind").max_length for key in KINDS)


@pytest.mark.parametrize("key", sorted(SCENARIOS))
def test_the_event_tells_exactly_its_recipients_once_with_a_link_that_opens(
    key, world, client_for, django_capture_on_commit_callbacks
):
    # Some kinds are sent after the commit (a safeguarding concern): run those callbacks too.
    with django_capture_on_commit_callbacks(execute=True):
        expected = SCENARIOS[key](world)
    notifications = Notification.objects.filter(kind=key)
    received = sorted(notifications.values_list("recipient_id", flat=True))
    assert received == sorted(member.pk for member in expected), key
    for notification in notifications.select_related("recipient__user"):
        recipient = notification.recipient
        # Pupils' defaults are private (inbox only); adults with an address are emailed at once.
        kind = KINDS[key]
        wanted = EMAIL_FOR_CHANNEL[kind.channel_for(recipient.role)]
        if kind.always_email:
            wanted = EmailChannel.IMMEDIATE
        elif recipient.is_pupil:
            wanted = EmailChannel.NONE
        assert notification.email == wanted, (key, recipient.role)
        assert notification.url, key
        response = client_for(recipient).get(notification.url.split("#")[0])
        assert response.status_code == 200, (key, recipient.role, notification.url)


def test_a_facilitator_is_not_told_of_the_move_they_made(world):
    stages.project_move_stage(
        project=world.project, actor=world.facilitator, to_stage=Stage.CO_DESIGN, reason="go", override=True
    )
    assert not Notification.objects.filter(recipient=world.facilitator, kind="stage_moved").exists()
    assert Notification.objects.filter(recipient=world.lead, kind="stage_moved").count() == 1
