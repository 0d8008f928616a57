"""Rules for ideas (co-design): project members add ideas; authors, leads and facilitators edit them."""

import rules

from people.rules import is_staff_member, may_take_part
from projects.models import ProjectRole, Stage
from projects.rules.predicates import is_project_member


@rules.predicate
def is_in_co_design(membership, project) -> bool:
    return project is not None and project.stage == Stage.CO_DESIGN


@rules.predicate
def is_idea_author(membership, idea) -> bool:
    return idea is not None and any(author.pk == membership.pk for author in idea.authors.all())


@rules.predicate
def is_idea_lead_or_facilitator(membership, idea) -> bool:
    return idea is not None and idea.project.role_of(membership) in (ProjectRole.LEAD, ProjectRole.FACILITATOR)


@rules.predicate
def is_idea_project_member(membership, idea) -> bool:
    return idea is not None and idea.project.role_of(membership) is not None


rules.add_rule("projects.add_idea", is_project_member & is_in_co_design & may_take_part)
rules.add_rule("projects.edit_idea", is_idea_author | is_idea_lead_or_facilitator)
rules.add_rule("projects.shortlist_idea", is_idea_lead_or_facilitator)
rules.add_rule("projects.comment_idea", (is_idea_project_member | is_staff_member) & may_take_part)
