"""Predicates on a person's place in a project, shared by the rules of every sub-domain."""

import rules

from people.rules import is_staff_member
from projects.models import ProjectRole, Visibility


@rules.predicate
def is_project_lead(membership, project) -> bool:
    return project is not None and project.role_of(membership) == ProjectRole.LEAD


@rules.predicate
def is_project_facilitator(membership, project) -> bool:
    return project is not None and project.role_of(membership) == ProjectRole.FACILITATOR


@rules.predicate
def is_project_member(membership, project) -> bool:
    return project is not None and project.role_of(membership) is not None


@rules.predicate
def is_school_visible(membership, project) -> bool:
    return project is not None and project.visibility == Visibility.SCHOOL


def on_project(predicate):
    """Lift a (membership, project) predicate to an object with a `.project` (a decision, a task, a session)."""

    @rules.predicate(name=f"{predicate.name}_of_project")
    def lifted(membership, obj) -> bool:
        return obj is not None and predicate.test(membership, obj.project)

    return lifted


runs_project = is_project_lead | is_project_facilitator
# Staff see every project of their school: everything pupils write is visible to facilitators.
can_view_project = is_staff_member | is_school_visible | is_project_member
