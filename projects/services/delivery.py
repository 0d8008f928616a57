"""Writes for co-deliver: tasks and checklists, sessions and attendance, peer roles, personal goals."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from audit.services import log_action
from people.models import Membership
from people.taking_part import took_part
from projects import notifications
from projects.errors import NotAllowed
from projects.models import (
    Attendance,
    AttendanceStatus,
    ChecklistItem,
    Goal,
    GoalNote,
    GoalStatus,
    PeerRole,
    PeerRoleKind,
    Project,
    ProjectRole,
    Session,
    Task,
    TaskStatus,
)
from projects.selectors.delivery import may_agree_goal


def _role(project: Project, membership: Membership) -> str | None:
    return project.memberships.filter(membership=membership).values_list("role", flat=True).first()


def _check_runs(project: Project, actor: Membership, what: str) -> None:
    if _role(project, actor) not in (ProjectRole.LEAD, ProjectRole.FACILITATOR):
        raise NotAllowed(f"Only the project's pupil leads and facilitators {what}.")


def _check_due_on(due_on: date | None, was: date | None = None) -> None:
    # A date already on the task may have passed since; only a newly chosen date must be ahead.
    if due_on is not None and due_on != was and due_on < timezone.localdate():
        raise NotAllowed("Choose a due date from today on: that date has passed.")


def _check_members(project: Project, people: list[Membership]) -> None:
    member_ids = set(project.memberships.values_list("membership_id", flat=True))
    if any(person.pk not in member_ids for person in people):
        raise NotAllowed("Choose people who are in the project.")


# --- tasks -------------------------------------------------------------------------------------


@transaction.atomic
def task_create(
    *,
    project: Project,
    actor: Membership,
    title: str,
    owners: list[Membership],
    due_on: date | None = None,
    checklist: list[str] = (),
    session: Session | None = None,
) -> Task:
    if _role(project, actor) is None:
        raise NotAllowed("Only the project's members add tasks.")
    if not title.strip():
        raise NotAllowed("Give the task a title.")
    _check_due_on(due_on)
    _check_members(project, owners)
    task = Task.objects.create(project=project, title=title.strip(), due_on=due_on, session=session, created_by=actor)
    task.owners.set(owners)
    took_part(membership_ids=[owner.pk for owner in owners])
    ChecklistItem.objects.bulk_create(
        [ChecklistItem(task=task, text=text.strip()) for text in checklist if text.strip()]
    )
    notifications.notify_task_assigned(task=task, actor=actor)
    return task


def can_change_task(task: Task, actor: Membership) -> bool:
    return any(owner.pk == actor.pk for owner in task.owners.all()) or task.project.role_of(actor) in (
        ProjectRole.LEAD,
        ProjectRole.FACILITATOR,
    )


@transaction.atomic
def task_update(
    *,
    task: Task,
    actor: Membership,
    title: str,
    owners: list[Membership],
    due_on: date | None,
    checklist_add: list[str] = (),
) -> Task:
    if not can_change_task(task, actor):
        raise NotAllowed("Only the task's owners and the project's leads and facilitators change it.")
    if not title.strip():
        raise NotAllowed("Give the task a title.")
    _check_due_on(due_on, was=task.due_on)
    _check_members(task.project, owners)
    task.title = title.strip()
    task.due_on = due_on
    task.save(update_fields=["title", "due_on", "updated_at"])
    task.owners.set(owners)
    ChecklistItem.objects.bulk_create([ChecklistItem(task=task, text=t.strip()) for t in checklist_add if t.strip()])
    return task


@transaction.atomic
def task_set_status(*, task: Task, actor: Membership, status: str, reason: str = "") -> Task:
    """Move a task on the board. Deferring needs a reason (the co-deliver gate accepts deferred tasks)."""
    if status not in TaskStatus.values:
        raise NotAllowed("Choose to do, doing, done or deferred.")
    if not can_change_task(task, actor):
        raise NotAllowed("Only the task's owners and the project's leads and facilitators move it.")
    reason = reason.strip()
    if status == TaskStatus.DEFERRED and not reason:
        raise NotAllowed("Say why the task is deferred.")
    task.status = status
    task.deferred_reason = reason if status == TaskStatus.DEFERRED else ""
    task.done_on = timezone.localdate() if status == TaskStatus.DONE else None
    task.save(update_fields=["status", "deferred_reason", "done_on", "updated_at"])
    if status == TaskStatus.DONE:
        # A done task's steps are done: the board and the task page never say "0/3 steps" for it.
        task.checklist.update(is_done=True)
    return task


@transaction.atomic
def checklist_item_set_done(*, item: ChecklistItem, actor: Membership, is_done: bool) -> ChecklistItem:
    """Tick or untick a step, as asked: the same click from a second tab leaves the same state."""
    if not can_change_task(item.task, actor):
        raise NotAllowed("Only the task's owners and the project's leads and facilitators tick its checklist.")
    item.is_done = is_done
    item.save(update_fields=["is_done"])
    return item


# --- sessions ----------------------------------------------------------------------------------


@transaction.atomic
def session_save(
    *,
    project: Project,
    actor: Membership,
    held_on: date,
    place: str,
    agenda: str = "",
    notes: str = "",
    is_off_site: bool = False,
    session: Session | None = None,
) -> Session:
    """Plan a session, or edit one (`session`): its date, place, agenda and notes."""
    _check_runs(project, actor, "plan and write up sessions")
    if not place.strip():
        raise NotAllowed("Say where the session is.")
    created = session is None
    session = session or Session(project=project, created_by=actor)
    moved = not created and (session.held_on, session.place) != (held_on, place.strip())
    session.held_on = held_on
    session.place = place.strip()
    session.is_off_site = is_off_site
    session.agenda = agenda.strip()
    session.notes = notes.strip()
    session.save()
    notifications.notify_session_saved(session=session, actor=actor, created=created, moved=moved)
    return session


@transaction.atomic
def session_cancel(*, session: Session, actor: Membership, reason: str) -> Session:
    """Cancel a session, saying why; its members are told once. Cancelling a cancelled session does nothing."""
    _check_runs(session.project, actor, "cancel sessions")
    reason = reason.strip()
    if not reason:
        raise NotAllowed("Say why the session is cancelled: its members are told.")
    claimed = Session.objects.filter(pk=session.pk, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now(), cancel_reason=reason
    )
    session.refresh_from_db(fields=["cancelled_at", "cancel_reason"])
    if claimed == 1:
        notifications.notify_session_cancelled(session=session, actor=actor)
    return session


@transaction.atomic
def session_record_attendance(*, session: Session, actor: Membership, attendance: dict[int, str]) -> None:
    """`attendance` maps membership ids to present/absent/excused; only project members are recorded."""
    _check_runs(session.project, actor, "take attendance")
    if set(attendance.values()) - set(AttendanceStatus.values):
        raise NotAllowed("Attendance is present, absent or excused.")
    member_ids = set(session.project.memberships.values_list("membership_id", flat=True))
    if set(attendance) - member_ids:
        raise NotAllowed("Attendance is taken for the project's members.")
    for membership_id, status in attendance.items():
        Attendance.objects.update_or_create(session=session, membership_id=membership_id, defaults={"status": status})
    took_part(membership_ids=[pk for pk, status in attendance.items() if status == AttendanceStatus.PRESENT])


def session_add_action(
    *, session: Session, actor: Membership, title: str, owners: list[Membership], due_on: date | None = None
) -> Task:
    """An action agreed at the session becomes a task on the board, linked back to the session."""
    _check_runs(session.project, actor, "record session actions")
    return task_create(project=session.project, actor=actor, title=title, owners=owners, due_on=due_on, session=session)


# --- peer roles --------------------------------------------------------------------------------


@transaction.atomic
def peer_role_add(
    *, project: Project, actor: Membership, kind: str, holder: Membership, supports: Membership | None = None
) -> PeerRole:
    _check_runs(project, actor, "give peer roles")
    if kind not in PeerRoleKind.values:
        raise NotAllowed("Choose buddy, mentor, mentee or ambassador.")
    _check_members(project, [holder] + ([supports] if supports else []))
    if supports and supports.pk == holder.pk:
        raise NotAllowed("Someone cannot support themselves.")
    if PeerRole.objects.filter(project=project, kind=kind, holder=holder, supports=supports).exists():
        raise NotAllowed("This role is already recorded.")
    return PeerRole.objects.create(
        project=project, kind=kind, holder=holder, supports=supports, since=timezone.localdate()
    )


@transaction.atomic
def peer_role_remove(*, peer_role: PeerRole, actor: Membership) -> None:
    _check_runs(peer_role.project, actor, "change peer roles")
    peer_role.delete()


# --- personal goals ----------------------------------------------------------------------------


@transaction.atomic
def goal_create(
    *, staff: Membership, pupil: Membership, goal: str, steps: str = "", project: Project | None = None
) -> Goal:
    if not staff.is_staff_member:
        raise NotAllowed("Personal goals are agreed with a member of staff.")
    if not pupil.is_pupil or pupil.school_id != staff.school_id:
        raise NotAllowed("Choose a pupil of your school.")
    if project is not None and project.school_id != staff.school_id:
        raise NotAllowed("Choose a project of your school.")
    if not goal.strip():
        raise NotAllowed("Write the goal.")
    goal = Goal.objects.create(staff=staff, pupil=pupil, goal=goal.strip(), steps=steps.strip(), project=project)
    notifications.notify_goal_set(goal=goal)
    return goal


@transaction.atomic
def goal_add_note(*, goal: Goal, author: Membership, body: str) -> GoalNote:
    if author.pk not in (goal.pupil_id, goal.staff_id):
        raise NotAllowed("Progress notes are written by the pupil and their member of staff.")
    if not body.strip():
        raise NotAllowed("Write the note.")
    return GoalNote.objects.create(goal=goal, author=author, body=body.strip(), written_on=timezone.localdate())


@transaction.atomic
def goal_set_met(*, goal: Goal, actor: Membership, met: bool) -> Goal:
    if actor.pk != goal.staff_id:
        raise NotAllowed("The member of staff of the goal marks it met.")
    if not goal.is_agreed:
        raise NotAllowed("Agree the goal first: then it can be met.")
    goal.met_on = timezone.localdate() if met else None
    goal.save(update_fields=["met_on"])
    notifications.notify_goal_met(goal=goal)
    return goal


# --- a pupil's own goals: proposed by the pupil, agreed by a facilitator at their one-to-one ------


def _check_goal_fields(*, project: Project, pupil: Membership, goal: str, due_on: date | None, helpers) -> str:
    goal = goal.strip()
    if not goal:
        raise NotAllowed("Write your goal: what you want to do.")
    if due_on is None:
        raise NotAllowed("Choose by when you want to reach it.")
    if due_on < timezone.localdate():
        raise NotAllowed("Choose a date from today on: that date has passed.")
    ids = [h.pk for h in helpers]
    if pupil.pk in ids:
        raise NotAllowed("Choose other people to help you: you are already in your goal.")
    if ids and project.memberships.filter(membership_id__in=ids).count() != len(set(ids)):
        raise NotAllowed("Choose helpers from the project's members.")
    return goal


def _facilitators(project: Project):
    return Membership.objects.filter(
        project_memberships__project=project, project_memberships__role=ProjectRole.FACILITATOR
    ).order_by("project_memberships__pk")


@transaction.atomic
def goal_propose(
    *,
    pupil: Membership,
    project: Project,
    goal: str,
    why: str = "",
    due_on: date | None,
    helpers: list[Membership] | tuple = (),
) -> Goal:
    """A pupil proposes a goal of their own in a project they are in; its facilitators are told."""
    if not pupil.is_pupil or project.school_id != pupil.school_id or _role(project, pupil) is None:
        raise NotAllowed("Pupils propose goals in a project they are in.")
    goal = _check_goal_fields(project=project, pupil=pupil, goal=goal, due_on=due_on, helpers=helpers)
    staff = _facilitators(project).exclude(pk=pupil.pk).first()
    if staff is None:
        raise NotAllowed("This project has no member of staff yet to agree a goal with you. Ask your teacher.")
    created = Goal.objects.create(
        pupil=pupil,
        staff=staff,
        project=project,
        goal=goal,
        why=why.strip(),
        due_on=due_on,
        status=GoalStatus.PROPOSED,
        proposed_by_pupil=True,
    )
    created.helpers.set(helpers)
    log_action(actor=pupil.user, verb="goal.propose", target=created, school_id=pupil.school_id, project_id=project.pk)
    notifications.notify_goal_proposed(goal=created)
    return created


@transaction.atomic
def goal_revise(
    *,
    goal: Goal,
    pupil: Membership,
    text: str,
    why: str = "",
    due_on: date | None,
    helpers: list[Membership] | tuple = (),
) -> Goal:
    """The pupil changes a goal not yet agreed (after a change was asked, or before): it waits to be agreed again."""
    goal = Goal.objects.select_for_update(of=("self",)).select_related("project").get(pk=goal.pk)
    if pupil.pk != goal.pupil_id or not goal.proposed_by_pupil:
        raise NotAllowed("Only the pupil who proposed the goal changes it.")
    if goal.is_agreed:
        raise NotAllowed("This goal is already agreed: add a progress note instead.")
    goal.goal = _check_goal_fields(project=goal.project, pupil=pupil, goal=text, due_on=due_on, helpers=helpers)
    goal.why, goal.due_on, goal.status = why.strip(), due_on, GoalStatus.PROPOSED
    goal.save(update_fields=["goal", "why", "due_on", "status"])
    goal.helpers.set(helpers)
    log_action(actor=pupil.user, verb="goal.revise", target=goal, school_id=pupil.school_id, project_id=goal.project_id)
    notifications.notify_goal_proposed(goal=goal)
    return goal


@transaction.atomic
def goal_agree(*, goal: Goal, actor: Membership) -> Goal:
    """Agree a pupil's proposed goal at their one-to-one: the one who agrees becomes its member of staff."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if not may_agree_goal(goal, actor):
        raise NotAllowed("A facilitator of the goal's project agrees it.")
    if goal.is_agreed:
        return goal  # agreed already (another tab, another facilitator): what was asked is so
    if goal.status != GoalStatus.PROPOSED:
        raise NotAllowed("The pupil is changing this goal: agree it once they send it again.")
    goal.status, goal.staff, goal.change_reason, goal.agreed_at = GoalStatus.AGREED, actor, "", timezone.now()
    goal.save(update_fields=["status", "staff", "change_reason", "agreed_at"])
    log_action(actor=actor.user, verb="goal.agree", target=goal, school_id=actor.school_id, project_id=goal.project_id)
    notifications.notify_goal_agreed(goal=goal)
    return goal


@transaction.atomic
def goal_ask_change(*, goal: Goal, actor: Membership, reason: str) -> Goal:
    """Ask the pupil to change their proposed goal, saying why (the pupil reads the reason)."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if not may_agree_goal(goal, actor):
        raise NotAllowed("A facilitator of the goal's project asks for a change.")
    reason = reason.strip()
    if not reason:
        raise NotAllowed("Say what to change: the pupil will read it.")
    if goal.status != GoalStatus.PROPOSED:
        raise NotAllowed("Only a goal waiting to be agreed can be sent back for a change.")
    goal.status, goal.change_reason = GoalStatus.CHANGE_ASKED, reason
    goal.save(update_fields=["status", "change_reason"])
    log_action(
        actor=actor.user, verb="goal.ask_change", target=goal, school_id=actor.school_id, project_id=goal.project_id
    )
    notifications.notify_goal_change_asked(goal=goal)
    return goal
