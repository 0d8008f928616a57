"""Co-deliver views: the task board, tasks, sessions with attendance, peer roles and goals."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from rules import test_rule

from people.access import check_rule, require_rule
from projects.access import get_project_for
from projects.errors import ProjectError
from projects.forms import (
    AttendanceForm,
    GoalChangeForm,
    GoalForm,
    GoalNoteForm,
    GoalProposalForm,
    PeerRoleForm,
    ReasonForm,
    SessionForm,
    TaskForm,
    TaskStatusForm,
)
from projects.models import ChecklistItem, Goal, PeerRole, Session, Task, TaskStatus
from projects.selectors import delivery as selectors
from projects.services import delivery as services
from projects.views.common import form_page, paginate, redirect_back


def _get_or_404(getter, request, pk: int, what: str):
    try:
        return getter(viewer=request.membership, pk=pk)
    except (Task.DoesNotExist, Session.DoesNotExist, Goal.DoesNotExist):
        raise Http404(f"No such {what} in your school.") from None


def get_task_for(request, pk: int, rule: str | None = None) -> Task:
    task = _get_or_404(selectors.task_get, request, pk, "task")
    check_rule("projects.view_tasks", request.membership, task.project)
    if rule:
        check_rule(rule, request.membership, task)
    return task


def get_session_for(request, pk: int, rule: str = "projects.view_session") -> Session:
    session = _get_or_404(selectors.session_get, request, pk, "session")
    check_rule("projects.view_session", request.membership, session)
    check_rule(rule, request.membership, session)
    return session


def get_goal_for(request, pk: int, rule: str = "projects.view_goal") -> Goal:
    goal = _get_or_404(selectors.goal_get, request, pk, "goal")
    check_rule("projects.view_goal", request.membership, goal)
    check_rule(rule, request.membership, goal)
    return goal


# --- tasks -------------------------------------------------------------------------------------


def _board_context(request, project, *, refused: dict | None = None, notice: str = "") -> dict:
    """The board's columns. `refused` is a move that was said no to: its task shows the error and what was chosen."""
    columns = selectors.task_board(project)
    viewer = request.membership
    for column in columns:
        for task in column["tasks"]:
            task.can_change = test_rule("projects.change_task", viewer, task)
            if refused and task.pk == refused["task"]:
                task.error = refused["error"]
                task.chosen_status, task.chosen_reason = refused["status"], refused["reason"]
    return {
        "project": project,
        "columns": columns,
        "statuses": TaskStatus.choices,
        "can_add": test_rule("projects.add_task", viewer, project),
        "notice": notice,
    }


@require_rule()
def task_board(request, pk: int):
    project = get_project_for(request, pk, "projects.view_tasks")
    return render(request, "projects/delivery/board.html", _board_context(request, project))


@require_rule()
def task_create(request, pk: int):
    project = get_project_for(request, pk, "projects.add_task")
    form = TaskForm(request.POST or None, members=selectors.member_choices(project))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.task_create(
                project=project,
                actor=request.membership,
                title=data["title"],
                owners=list(data["owners"]),
                due_on=data["due_on"],
                checklist=form.checklist_lines(),
            )
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Task added to the board.")
            return redirect("projects:task_board", pk)
    return form_page(
        request,
        form=form,
        title="Add a task",
        submit="Add the task",
        cancel_url=reverse("projects:task_board", args=[pk]),
    )


@require_rule()
def task_detail(request, pk: int):
    task = get_task_for(request, pk)
    can_change = test_rule("projects.change_task", request.membership, task)
    form = None
    if can_change:
        initial = {"title": task.title, "owners": task.owners.all(), "due_on": task.due_on}
        form = TaskForm(request.POST or None, members=selectors.member_choices(task.project), initial=initial)
        form.fields["checklist"].label = "Add checklist steps (one a line)"
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.task_update(
                    task=task,
                    actor=request.membership,
                    title=data["title"],
                    owners=list(data["owners"]),
                    due_on=data["due_on"],
                    checklist_add=form.checklist_lines(),
                )
            except ProjectError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Task saved.")
                return redirect("projects:task_detail", pk)
    elif request.method == "POST":
        check_rule("projects.change_task", request.membership, task)
    return render(
        request,
        "projects/delivery/task_detail.html",
        {"task": task, "project": task.project, "form": form, "can_change": can_change, "statuses": TaskStatus.choices},
    )


@require_POST
@require_rule()
def task_set_status(request, pk: int):
    """Move a card. With htmx the board comes back in place; without JavaScript, back to the board.

    A refused move shows its reason on that task's card, in the board that comes back (never on a later page)."""
    task = get_task_for(request, pk, "projects.change_task")
    form = TaskStatusForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.task_set_status(
                task=task,
                actor=request.membership,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ProjectError as problem:
            error = str(problem)
    else:
        error = " ".join(message for field_errors in form.errors.values() for message in field_errors)
    if error:
        refused = {"task": task.pk, "error": error, **{f: request.POST.get(f, "") for f in ("status", "reason")}}
        context = _board_context(request, task.project, refused=refused)
        if request.htmx:  # htmx swaps 200s only; the error is in the card either way
            return render(request, "projects/delivery/board.html#board", context)
        return render(request, "projects/delivery/board.html", context, status=422)
    notice = f"“{task.title}” is now {TaskStatus(form.cleaned_data['status']).label.lower()}."
    if request.htmx:
        context = _board_context(request, task.project, notice=notice)
        return render(request, "projects/delivery/board.html#board", context)
    messages.success(request, notice)
    return redirect_back(request, reverse("projects:task_board", args=[task.project_id]))


@require_POST
@require_rule()
def checklist_toggle(request, pk: int, item_pk: int):
    task = get_task_for(request, pk, "projects.change_task")
    item = get_object_or_404(ChecklistItem, task=task, pk=item_pk)
    # The button says what it does ("done" is 1 to tick, 0 to untick); ticking is what a bare post means.
    is_done = request.POST.get("done", "1") != "0"
    services.checklist_item_set_done(item=item, actor=request.membership, is_done=is_done)
    return redirect("projects:task_detail", pk)


# --- sessions ----------------------------------------------------------------------------------


@require_rule()
def session_list(request, pk: int):
    project = get_project_for(request, pk, "projects.view_sessions")
    return render(
        request,
        "projects/delivery/sessions.html",
        {
            "project": project,
            "page": paginate(request, selectors.sessions_for_project(project)),
            "can_run": test_rule("projects.run_sessions", request.membership, project),
        },
    )


def _session_form_view(request, project, session=None):
    initial = {}
    if session:
        initial = {
            "held_on": session.held_on,
            "place": session.place,
            "is_off_site": session.is_off_site,
            "agenda": session.agenda,
            "notes": session.notes,
        }
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_save(
                project=project, actor=request.membership, session=session, **form.cleaned_data
            )
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Session saved.")
            return redirect("projects:session_detail", session.pk)
    cancel = (
        reverse("projects:session_detail", args=[session.pk])
        if session
        else reverse("projects:session_list", args=[project.pk])
    )
    return form_page(
        request, form=form, title="Edit the session" if session else "Plan a session", submit="Save", cancel_url=cancel
    )


@require_rule()
def session_create(request, pk: int):
    return _session_form_view(request, get_project_for(request, pk, "projects.run_sessions"))


@require_rule()
def session_edit(request, pk: int):
    session = get_session_for(request, pk, "projects.run_session")
    return _session_form_view(request, session.project, session)


@require_rule()
def session_detail(request, pk: int):
    session = get_session_for(request, pk)
    can_run = test_rule("projects.run_session", request.membership, session)
    members = selectors.member_choices(session.project)
    no_consent = selectors.session_no_consent(session, members)
    current = {a.membership_id: a.status for a in session.attendance.all()}
    attendance_form = action_form = None
    if can_run:
        attendance_form = AttendanceForm(
            request.POST if request.POST.get("form") == "attendance" else None,
            members=members,
            current=current,
            no_consent=no_consent,
        )
        action_form = TaskForm(request.POST if request.POST.get("form") == "action" else None, members=members)
        del action_form.fields["checklist"]
        if request.method == "POST":
            try:
                if attendance_form.is_bound and attendance_form.is_valid():
                    services.session_record_attendance(
                        session=session, actor=request.membership, attendance=attendance_form.attendance()
                    )
                    messages.success(request, "Attendance saved.")
                    return redirect("projects:session_detail", pk)
                if action_form.is_bound and action_form.is_valid():
                    data = action_form.cleaned_data
                    services.session_add_action(
                        session=session,
                        actor=request.membership,
                        title=data["title"],
                        owners=list(data["owners"]),
                        due_on=data["due_on"],
                    )
                    messages.success(request, "Action added to the task board.")
                    return redirect("projects:session_detail", pk)
            except ProjectError as error:
                messages.error(request, str(error))
    elif request.method == "POST":
        check_rule("projects.run_session", request.membership, session)
    attendance = [(member, current.get(member.pk)) for member in members]
    return render(
        request,
        "projects/delivery/session_detail.html",
        {
            "session": session,
            "project": session.project,
            "can_run": can_run,
            "attendance": attendance,
            "no_consent": no_consent,
            "attendance_form": attendance_form,
            "action_form": action_form,
        },
    )


@require_POST
@require_rule()
def session_cancel(request, pk: int):
    session = get_session_for(request, pk, "projects.run_session")
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why the session is cancelled: its members are told.")
        return redirect("projects:session_detail", pk)
    try:
        services.session_cancel(session=session, actor=request.membership, reason=form.cleaned_data["reason"])
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Session cancelled. Its members have been told.")
    return redirect("projects:session_detail", pk)


# --- peer roles --------------------------------------------------------------------------------


@require_rule()
def peer_roles(request, pk: int):
    project = get_project_for(request, pk)
    can_manage = test_rule("projects.manage_peer_roles", request.membership, project)
    form = (
        PeerRoleForm(request.POST or None, project=project, members=selectors.member_choices(project))
        if can_manage
        else None
    )
    if request.method == "POST":
        check_rule("projects.manage_peer_roles", request.membership, project)
        if form.is_valid():
            try:
                services.peer_role_add(project=project, actor=request.membership, **form.cleaned_data)
            except ProjectError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Peer role recorded.")
                return redirect("projects:peer_roles", pk)
    return render(
        request,
        "projects/delivery/peer_roles.html",
        {"project": project, "roles": selectors.peer_roles_for_project(project), "form": form},
    )


@require_POST
@require_rule()
def peer_role_remove(request, pk: int, role_pk: int):
    project = get_project_for(request, pk, "projects.manage_peer_roles")
    peer_role = get_object_or_404(PeerRole, project=project, pk=role_pk)
    services.peer_role_remove(peer_role=peer_role, actor=request.membership)
    messages.success(request, "Peer role removed.")
    return redirect("projects:peer_roles", pk)


# --- goals -------------------------------------------------------------------------------------


@require_rule("projects.view_goals")
def goal_list(request):
    return render(
        request,
        "projects/delivery/goals.html",
        {
            "page": paginate(request, selectors.goals_for(request.membership)),
            "can_set": test_rule("projects.set_goal", request.membership),
        },
    )


@require_rule("projects.set_goal")
def goal_create(request):
    form = GoalForm(request.POST or None, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(staff=request.membership, **form.cleaned_data)
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Goal agreed. The pupil and their linked parents can see it.")
            return redirect("projects:goal_detail", goal.pk)
    return form_page(
        request,
        form=form,
        title="Agree a personal goal",
        submit="Save the goal",
        cancel_url=reverse("projects:goal_list"),
        intro="A goal is seen by the pupil, you, and the pupil's linked parents only.",
    )


@require_rule()
def goal_detail(request, pk: int):
    goal = get_goal_for(request, pk)
    can_write = test_rule("projects.write_goal_note", request.membership, goal)
    form = GoalNoteForm(request.POST or None) if can_write else None
    if request.method == "POST":
        check_rule("projects.write_goal_note", request.membership, goal)
        if form.is_valid():
            try:
                services.goal_add_note(goal=goal, author=request.membership, body=form.cleaned_data["body"])
            except ProjectError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Progress note added.")
                return redirect("projects:goal_detail", pk)
    return render(
        request,
        "projects/delivery/goal_detail.html",
        {
            "goal": goal,
            "form": form,
            "can_mark": goal.is_agreed and test_rule("projects.mark_goal_met", request.membership, goal),
            "can_agree": test_rule("projects.agree_goal", request.membership, goal),
            "can_revise": test_rule("projects.revise_goal", request.membership, goal),
        },
    )


@require_POST
@require_rule()
def goal_set_met(request, pk: int):
    goal = get_goal_for(request, pk, "projects.mark_goal_met")
    met = request.POST.get("met") == "1"
    services.goal_set_met(goal=goal, actor=request.membership, met=met)
    messages.success(request, "Goal marked as met. Well done!" if met else "Goal reopened.")
    return redirect("projects:goal_detail", pk)


# --- a pupil's own goals -----------------------------------------------------------------------

GOAL_PRIVACY = "Your goal is seen by you, the member of staff who agrees it and your parents or carers."


@require_rule()
def goal_propose(request, pk: int):
    project = get_project_for(request, pk, "projects.propose_goal")
    form = GoalProposalForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_propose(pupil=request.membership, project=project, **form.cleaned_data)
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            who = goal.staff.user.display_name
            messages.success(request, f"Goal sent. It is waiting to be agreed with {who} at your one-to-one.")
            return redirect("projects:goal_detail", goal.pk)
    return form_page(
        request,
        form=form,
        title=f"Propose a goal of your own · {project.title}",
        submit="Send my goal",
        cancel_url=reverse("projects:task_board", args=[project.pk]),
        intro="Say what you want to do, why, by when and who will help. A member of staff agrees it with you "
        "at your one-to-one. " + GOAL_PRIVACY,
    )


@require_rule()
def goal_revise(request, pk: int):
    goal = get_goal_for(request, pk, "projects.revise_goal")
    initial = {"goal": goal.goal, "why": goal.why, "due_on": goal.due_on, "helpers": list(goal.helpers.all())}
    form = GoalProposalForm(request.POST or None, project=goal.project, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.goal_revise(
                goal=goal,
                pupil=request.membership,
                text=data["goal"],
                why=data["why"],
                due_on=data["due_on"],
                helpers=data["helpers"],
            )
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Goal changed and sent again. It is waiting to be agreed.")
            return redirect("projects:goal_detail", goal.pk)
    intro = f"What to change: {goal.change_reason}" if goal.change_reason else GOAL_PRIVACY
    return form_page(
        request,
        form=form,
        title="Change my goal",
        submit="Send my goal again",
        cancel_url=reverse("projects:goal_detail", args=[goal.pk]),
        intro=intro,
    )


@require_POST
@require_rule()
def goal_agree(request, pk: int):
    goal = _get_or_404(selectors.goal_get, request, pk, "goal")
    if goal.is_agreed and selectors.may_agree_goal(goal, request.membership):
        # A second tab or another facilitator: the goal is agreed, as asked.
        messages.info(request, f"This goal is already agreed with {goal.staff.user.display_name}.")
        if test_rule("projects.view_goal", request.membership, goal):
            return redirect("projects:goal_detail", pk)
        return redirect("projects:goal_list")
    check_rule("projects.view_goal", request.membership, goal)
    check_rule("projects.agree_goal", request.membership, goal)
    try:
        services.goal_agree(goal=goal, actor=request.membership)
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Goal agreed. {goal.pupil.user.display_name} has been told.")
    return redirect("projects:goal_detail", pk)


@require_rule()
def goal_ask_change(request, pk: int):
    goal = get_goal_for(request, pk, "projects.agree_goal")
    form = GoalChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_ask_change(goal=goal, actor=request.membership, reason=form.cleaned_data["reason"])
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Change asked. {goal.pupil.user.display_name} has been told why.")
            return redirect("projects:goal_detail", pk)
    return form_page(
        request,
        form=form,
        title=f"Ask for a change · {goal.goal}",
        submit="Ask for the change",
        cancel_url=reverse("projects:goal_detail", args=[pk]),
        intro=f"{goal.pupil.user.display_name} proposed this goal. Say what would make it work; they can change it "
        "and send it again.",
    )
