"""Rules for delivery (co-deliver): the task board, sessions, peer roles, personal goals and portfolios.

Predicates take (membership, obj) where obj is a Project, Task, Session, Goal or a pupil's
Membership (portfolio), always already scoped to the viewer's school by the selectors.
"""

import rules

from people.rules import is_pupil, is_staff_member, may_take_part
from projects.rules.predicates import can_view_project, is_project_member, on_project, runs_project
from projects.selectors.delivery import is_linked_parent, may_agree_goal


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
def may_agree_that_goal(membership, goal) -> bool:
    """Staff who may agree a pupil's proposal see it while it is not agreed (afterwards: its staff only)."""
    return goal is not None and not goal.is_agreed and may_agree_goal(goal, membership)


@rules.predicate
def is_goal_proposer(membership, goal) -> bool:
    return goal is not None and goal.proposed_by_pupil and membership.pk == goal.pupil_id and not goal.is_agreed


@rules.predicate
def is_that_pupil(membership, pupil) -> bool:
    return pupil is not None and membership.pk == pupil.pk


@rules.predicate
def is_parent_of_that_pupil(membership, pupil) -> bool:
    return pupil is not None and is_linked_parent(membership, pupil.pk)


# The board is seen by whoever sees the project; members add tasks; owners, leads and facilitators
# move them. Sessions (attendance is personal) are for members and staff.
rules.add_rule("projects.view_tasks", can_view_project)
rules.add_rule("projects.add_task", is_project_member & may_take_part)
rules.add_rule("projects.change_task", is_task_owner | on_project(runs_project))
rules.add_rule("projects.view_sessions", is_project_member | is_staff_member)
rules.add_rule("projects.view_session", on_project(is_project_member) | is_staff_member)
rules.add_rule("projects.run_sessions", runs_project)
rules.add_rule("projects.run_session", on_project(runs_project))
rules.add_rule("projects.manage_peer_roles", runs_project)

# Personal goals: the pupil, that member of staff and the pupil's linked parents; nobody else.
rules.add_rule("projects.view_goals", rules.always_allow)
rules.add_rule("projects.set_goal", is_staff_member)
rules.add_rule("projects.view_goal", is_goal_pupil_or_staff | is_goal_parent | may_agree_that_goal)
# A pupil proposes a goal in a project they are in; a facilitator agrees it or asks for a change.
rules.add_rule("projects.propose_goal", is_pupil & is_project_member & may_take_part)
rules.add_rule("projects.revise_goal", is_goal_proposer)
rules.add_rule("projects.agree_goal", may_agree_that_goal)
rules.add_rule("projects.write_goal_note", is_goal_pupil_or_staff)
rules.add_rule("projects.mark_goal_met", is_goal_staff)

# Portfolio: the pupil, their linked parents, and staff.
rules.add_rule("projects.view_portfolio", is_that_pupil | is_parent_of_that_pupil | is_staff_member)
