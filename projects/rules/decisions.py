"""Rules for decisions (co-decide).

Leads and facilitators set decisions up; facilitators alone close a vote early or extend it;
results go to everyone who can see the project or was eligible to vote; turnout figures to staff
and the project's leads; the names of who has voted (for reminders, never how) to staff only.
"""

import rules

from people.rules import is_leader, is_staff_member, may_take_part
from projects.rules.predicates import can_view_project, is_project_facilitator, on_project, runs_project


@rules.predicate
def is_eligible_voter(membership, decision) -> bool:
    return decision is not None and decision.admits(membership)


rules.add_rule("projects.set_up_decision", runs_project)
rules.add_rule("projects.change_decision", on_project(runs_project))
rules.add_rule("projects.view_decision", on_project(can_view_project) | is_eligible_voter)
rules.add_rule("projects.vote", is_eligible_voter & may_take_part)
# Ending a vote early or giving it more time changes what voters were promised: a staff call.
rules.add_rule("projects.close_decision_now", on_project(is_project_facilitator))
rules.add_rule("projects.extend_decision", on_project(is_project_facilitator))
rules.add_rule("projects.view_turnout", is_staff_member | on_project(runs_project))
rules.add_rule("projects.export_turnout", is_staff_member)
rules.add_rule("projects.record_adoption", is_leader)
