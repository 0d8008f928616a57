"""Rules for stage moves: the project's leads and facilitators move it; only its facilitator overrides a gate."""

import rules

from projects.rules.predicates import is_project_facilitator, runs_project

rules.add_rule("projects.move_stage", runs_project)
rules.add_rule("projects.override_stage", is_project_facilitator)
