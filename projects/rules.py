"""Who may do what in projects. Predicates take (membership, obj); views check them via people.access.

Objects reach these predicates already scoped to the viewer's school by the selectors, so the
rules only decide roles. Project roles come from `Project.role_of`, which reads the prefetched
project memberships (no query per check on shaped querysets).
"""

import rules

from people.rules import is_leader, is_parent, is_pupil, is_safeguarding_lead, is_staff_member
from projects.models import ProjectRole, Stage, Visibility


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


@rules.predicate
def is_in_co_design(membership, project) -> bool:
    return project is not None and project.stage == Stage.CO_DESIGN


@rules.predicate
def is_author(membership, obj) -> bool:
    return obj is not None and membership is not None and obj.author_id == membership.pk


@rules.predicate
def is_idea_author(membership, idea) -> bool:
    return idea is not None and any(author.pk == membership.pk for author in idea.authors.all())


@rules.predicate
def is_idea_lead_or_facilitator(membership, idea) -> bool:
    return idea is not None and idea.project.role_of(membership) in (ProjectRole.LEAD, ProjectRole.FACILITATOR)


@rules.predicate
def is_idea_project_member(membership, idea) -> bool:
    return idea is not None and idea.project.role_of(membership) is not None


runs_project = is_project_lead | is_project_facilitator
# Staff see every project of their school: everything pupils write is visible to facilitators.
can_view_project = is_staff_member | is_school_visible | is_project_member

# Needs (co-identify): everyone in the school raises, backs and comments; staff triage.
rules.add_rule("projects.view_needs", rules.always_allow)
rules.add_rule("projects.raise_need", rules.always_allow)
rules.add_rule("projects.triage_needs", is_staff_member)
rules.add_rule("projects.hide_author_name", is_pupil)

# Projects.
rules.add_rule("projects.view_projects", rules.always_allow)
rules.add_rule("projects.start_project", is_pupil | is_staff_member)
rules.add_rule("projects.view_project", can_view_project)
rules.add_rule("projects.edit_project", runs_project)
rules.add_rule("projects.take_on_project", is_staff_member & ~is_project_facilitator)
rules.add_rule("projects.ask_to_join", (is_pupil | is_parent) & ~is_project_member)
rules.add_rule("projects.manage_members", runs_project | is_staff_member)
rules.add_rule("projects.move_stage", runs_project)
rules.add_rule("projects.override_stage", is_project_facilitator)
rules.add_rule("projects.view_dashboard", is_staff_member)

# Ideas (co-design): project members add ideas; authors, leads and facilitators edit them.
rules.add_rule("projects.add_idea", is_project_member & is_in_co_design)
rules.add_rule("projects.edit_idea", is_idea_author | is_idea_lead_or_facilitator)
rules.add_rule("projects.shortlist_idea", is_idea_lead_or_facilitator)
rules.add_rule("projects.comment_idea", is_idea_project_member | is_staff_member)

# Charter: leaders write it, everyone reads it.
rules.add_rule("projects.view_charter", rules.always_allow)
rules.add_rule("projects.edit_charter", is_leader)

# Moderation and safeguarding.
rules.add_rule("projects.report_content", rules.always_allow)
rules.add_rule("projects.moderate", is_staff_member)
rules.add_rule("projects.handle_safeguarding", is_safeguarding_lead)

# Co-decide and co-deliver rules live in their own module, which builds on the predicates above.
import projects.rules_decide_deliver  # noqa: E402, F401
