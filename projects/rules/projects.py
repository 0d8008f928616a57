"""Rules for projects: who starts, sees, edits and joins one, and who sees the staff dashboard."""

import rules

from people.rules import is_parent, is_pupil, is_staff_member, may_take_part
from projects.rules.predicates import can_view_project, is_project_facilitator, is_project_member, runs_project

rules.add_rule("projects.view_projects", rules.always_allow)
rules.add_rule("projects.start_project", (is_pupil | is_staff_member) & may_take_part)
rules.add_rule("projects.view_project", can_view_project)
rules.add_rule("projects.edit_project", runs_project)
rules.add_rule("projects.take_on_project", is_staff_member & ~is_project_facilitator)
rules.add_rule("projects.ask_to_join", (is_pupil | is_parent) & ~is_project_member & may_take_part)
rules.add_rule("projects.manage_members", runs_project | is_staff_member)
# Idea authors and peer roles are chosen among a project's members by its members and by staff.
rules.add_rule("projects.search_members", is_project_member | is_staff_member)
rules.add_rule("projects.view_dashboard", is_staff_member)
