"""The delivery services: tasks and their statuses, sessions, peer roles, goals, and the co-deliver gate."""

import pytest
from django.db import IntegrityError, transaction

from projects.errors import NotAllowed
from projects.models import Attendance, PeerRoleKind, Stage, Task, TaskStatus
from projects.selectors.delivery import tasks_for_member
from projects.services import delivery as services
from projects.services.stages import gate_problems
from tests.factories import (
    ProjectMembershipFactory,
    PupilFactory,
    SessionFactory,
    StaffFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(project):
    return ProjectMembershipFactory(project=project).membership


def test_a_member_adds_a_task_with_owners_and_a_checklist(project, member):
    task = services.task_create(
        project=project,
        actor=member,
        title="Survey Year 7",
        owners=[member],
        checklist=["Write questions", " ", "Print"],
    )
    assert list(task.owners.all()) == [member]
    assert list(task.checklist.values_list("text", flat=True)) == ["Write questions", "Print"]


def test_task_owners_must_be_in_the_project(project, member):
    with pytest.raises(NotAllowed, match="in the project"):
        services.task_create(project=project, actor=member, title="x", owners=[PupilFactory(school=project.school)])


def test_an_outsider_cannot_add_a_task(project):
    with pytest.raises(NotAllowed, match="members add tasks"):
        services.task_create(project=project, actor=PupilFactory(school=project.school), title="x", owners=[])


def test_deferring_needs_a_reason_in_the_service_and_the_database(project, member):
    task = TaskFactory(project=project, owners=[member])
    with pytest.raises(NotAllowed, match="Say why"):
        services.task_set_status(task=task, actor=member, status=TaskStatus.DEFERRED, reason="  ")
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(status=TaskStatus.DEFERRED, deferred_reason="")
    services.task_set_status(task=task, actor=member, status=TaskStatus.DEFERRED, reason="Waiting for the council")
    task.refresh_from_db()
    assert (task.status, task.deferred_reason) == (TaskStatus.DEFERRED, "Waiting for the council")


def test_done_is_dated_and_moving_back_clears_the_date(project, member):
    task = TaskFactory(project=project, owners=[member])
    services.task_set_status(task=task, actor=member, status=TaskStatus.DONE)
    assert task.done_on is not None
    services.task_set_status(task=task, actor=member, status=TaskStatus.DOING)
    assert task.done_on is None and task.deferred_reason == ""


def test_only_owners_leads_and_facilitators_move_a_task(project, member, lead):
    task = TaskFactory(project=project, owners=[lead])
    with pytest.raises(NotAllowed, match="owners"):
        services.task_set_status(task=task, actor=member, status=TaskStatus.DOING)
    services.task_set_status(task=task, actor=lead, status=TaskStatus.DOING)


def test_co_deliver_gate_needs_every_task_done_or_deferred(project, lead, facilitator, move_to):
    move_to(project, Stage.CO_DELIVER)
    assert gate_problems(project) == ["Add the delivery's tasks to the board: a project delivers at least one task."]
    done, later = TaskFactory(project=project), TaskFactory(project=project)
    assert gate_problems(project) == ["Finish or defer (with a reason) every task: 2 still to do or in progress."]
    services.task_set_status(task=done, actor=lead, status=TaskStatus.DONE)
    services.task_set_status(task=later, actor=lead, status=TaskStatus.DEFERRED, reason="Next term")
    assert gate_problems(project) == []


def test_my_tasks_lists_open_tasks_i_own(project, member):
    mine = TaskFactory(project=project, owners=[member])
    TaskFactory(project=project, owners=[member], status=TaskStatus.DEFERRED, deferred_reason="later")
    TaskFactory(project=project)
    assert list(tasks_for_member(member)) == [mine]


def test_session_attendance_and_actions(project, lead, member):
    session = services.session_save(project=project, actor=lead, held_on="2026-11-24", place="Library", agenda="Plan")
    services.session_record_attendance(
        session=session, actor=lead, attendance={member.pk: "present", lead.pk: "excused"}
    )
    services.session_record_attendance(session=session, actor=lead, attendance={member.pk: "absent"})
    assert dict(Attendance.objects.values_list("membership_id", "status")) == {member.pk: "absent", lead.pk: "excused"}
    task = services.session_add_action(session=session, actor=lead, title="Email the council", owners=[member])
    assert task.session == session and task.project == project


def test_only_leads_and_facilitators_run_sessions(project, member):
    with pytest.raises(NotAllowed, match="plan and write up sessions"):
        services.session_save(project=project, actor=member, held_on="2026-11-24", place="Hall")
    session = SessionFactory(project=project)
    with pytest.raises(NotAllowed, match="take attendance"):
        services.session_record_attendance(session=session, actor=member, attendance={member.pk: "present"})


def test_attendance_is_only_for_project_members(project, lead):
    session = SessionFactory(project=project)
    with pytest.raises(NotAllowed, match="project's members"):
        services.session_record_attendance(
            session=session, actor=lead, attendance={PupilFactory(school=project.school).pk: "present"}
        )


def test_peer_roles_say_who_supports_whom(project, lead, member):
    role = services.peer_role_add(project=project, actor=lead, kind=PeerRoleKind.MENTOR, holder=lead, supports=member)
    assert (role.holder, role.supports) == (lead, member)
    with pytest.raises(NotAllowed, match="already recorded"):
        services.peer_role_add(project=project, actor=lead, kind=PeerRoleKind.MENTOR, holder=lead, supports=member)
    with pytest.raises(NotAllowed, match="support themselves"):
        services.peer_role_add(project=project, actor=lead, kind=PeerRoleKind.BUDDY, holder=member, supports=member)
    with pytest.raises(NotAllowed, match="leads and facilitators"):
        services.peer_role_add(project=project, actor=member, kind=PeerRoleKind.AMBASSADOR, holder=member)


def test_goals_are_agreed_by_staff_with_a_pupil_and_noted_by_them(school):
    pupil, staff = PupilFactory(school=school), StaffFactory(school=school)
    goal = services.goal_create(staff=staff, pupil=pupil, goal="Chair a meeting", steps="Watch one first")
    services.goal_add_note(goal=goal, author=pupil, body="I watched the council meeting.")
    with pytest.raises(NotAllowed, match="pupil and their member of staff"):
        services.goal_add_note(goal=goal, author=StaffFactory(school=school), body="Nosy")
    with pytest.raises(NotAllowed, match="marks it met"):
        services.goal_set_met(goal=goal, actor=pupil, met=True)
    assert services.goal_set_met(goal=goal, actor=staff, met=True).met_on is not None
    with pytest.raises(NotAllowed, match="member of staff"):
        services.goal_create(staff=pupil, pupil=PupilFactory(school=school), goal="x")


def test_a_due_date_in_the_past_is_refused_but_an_old_one_can_stay(project, member):
    from datetime import date, timedelta

    yesterday = date.today() - timedelta(days=1)
    with pytest.raises(NotAllowed, match="from today on"):
        services.task_create(project=project, actor=member, title="Late", owners=[member], due_on=yesterday)
    task = TaskFactory(project=project, owners=[member], due_on=yesterday)  # it was in the future when set
    services.task_update(task=task, actor=member, title="Renamed", owners=[member], due_on=yesterday)
    with pytest.raises(NotAllowed, match="from today on"):
        services.task_update(task=task, actor=member, title="Renamed", owners=[member], due_on=date(2020, 1, 1))


def test_moving_a_task_to_done_ticks_its_steps(project, member):
    task = TaskFactory(project=project, owners=[member])
    task.checklist.create(text="Measure")
    task.checklist.create(text="Write up", is_done=True)
    services.task_set_status(task=task, actor=member, status=TaskStatus.DONE)
    assert list(task.checklist.values_list("is_done", flat=True)) == [True, True]
