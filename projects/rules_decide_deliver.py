"""Rules for co-decide and co-deliver, imported at the end of projects.rules (same conventions).

Predicates take (membership, obj) where obj is a Project, Decision, Task, Session, Goal or a pupil's
Membership (portfolio), always already scoped to the viewer's school by the selectors.
"""

import rules

from people.rules import is_leader, is_staff_member
from projects.rules import can_view_project, is_project_member, runs_project
from projects.selectors.decisions import is_eligible
from projects.selectors.delivery import is_linked_parent


def _on_project(predicate):
    """Lift a (membership, project) predicate to an object with a `.project`."""

    @rules.predicate(name=f"{predicate.name}_of_project")
    def lifted(membership, obj) -> bool:
        return obj is not None and predicate.test(membership, obj.project)

    return lifted


@rules.predicate
def is_eligible_voter(membership, decision) -> bool:
    return decision is not None and is_eligible(decision, membership)


@rules.predicate
def is_task_owner(membership, task) -> bool:
    return task is not None and any(owner.pk == membership.pk for owner in task.owners.all())


@rules.predicate
def is_goal_pupil_or_staff(membership, goal) -> bool:
    return goal is not None and membership.pk in (goal.pupil_id, goal.staff_id)


@rules.predicate
def is_goal_parent(membership, goal) -> bool:
    return goal is not None and is_linked_parent(membership, goal.pupil_id)


@rules.predicate
def is_goal_staff(membership, goal) -> bool:
    return goal is not None and membership.pk == goal.staff_id


@rules.predicate
def is_that_pupil(membership, pupil) -> bool:
    return pupil is not None and membership.pk == pupil.pk


@rules.predicate
def is_parent_of_that_pupil(membership, pupil) -> bool:
    return pupil is not None and is_linked_parent(membership, pupil.pk)


# Co-decide: leads and facilitators set decisions up; results go to everyone who can see the project
# or was eligible to vote; turnout figures to staff and the project's leads; the names of who has
# voted (for reminders, never how) to staff only.
rules.add_rule("projects.set_up_decision", runs_project)
rules.add_rule("projects.change_decision", _on_project(runs_project))
rules.add_rule("projects.view_decision", _on_project(can_view_project) | is_eligible_voter)
rules.add_rule("projects.vote", is_eligible_voter)
rules.add_rule("projects.view_turnout", is_staff_member | _on_project(runs_project))
rules.add_rule("projects.export_turnout", is_staff_member)
rules.add_rule("projects.record_adoption", is_leader)

# Co-deliver: the board is seen by whoever sees the project; members add tasks; owners, leads and
# facilitators move them. Sessions (attendance is personal) are for members and staff.
rules.add_rule("projects.view_tasks", can_view_project)
rules.add_rule("projects.add_task", is_project_member)
rules.add_rule("projects.change_task", is_task_owner | _on_project(runs_project))
rules.add_rule("projects.view_sessions", is_project_member | is_staff_member)
rules.add_rule("projects.view_session", _on_project(is_project_member) | is_staff_member)
rules.add_rule("projects.run_sessions", runs_project)
rules.add_rule("projects.run_session", _on_project(runs_project))
rules.add_rule("projects.manage_peer_roles", runs_project)

# Personal goals: the pupil, that member of staff and the pupil's linked parents; nobody else.
rules.add_rule("projects.view_goals", rules.always_allow)
rules.add_rule("projects.set_goal", is_staff_member)
rules.add_rule("projects.view_goal", is_goal_pupil_or_staff | is_goal_parent)
rules.add_rule("projects.write_goal_note", is_goal_pupil_or_staff)
rules.add_rule("projects.mark_goal_met", is_goal_staff)

# Portfolio: the pupil, their linked parents, and staff.
rules.add_rule("projects.view_portfolio", is_that_pupil | is_parent_of_that_pupil | is_staff_member)
