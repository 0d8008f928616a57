"""Who may do what with surveys. Predicates take the request's active membership.

Staff and leaders build surveys; only a survey's audience answers it. Nobody, staff included, is
given a way to see who gave an anonymous answer: there is no rule for it because there is no data.
"""

import rules

from evaluation import selectors
from people.rules import is_leader, is_pupil, is_staff_member
from projects.rules import is_project_member


@rules.predicate
def is_in_audience(membership, survey) -> bool:
    return bool(membership) and survey is not None and selectors.is_in_audience(membership=membership, survey=survey)


@rules.predicate
def is_member(membership) -> bool:
    return bool(membership)


rules.add_rule("evaluation.build_surveys", is_staff_member)
rules.add_rule("evaluation.list_my_surveys", is_member)
rules.add_rule("evaluation.answer_survey", is_in_audience)
rules.add_rule("evaluation.view_results", is_staff_member)

# Project reports: staff and leaders of the school, and the project's own members (pupils included:
# the report holds no names next to answers and no list of who did not take part).
rules.add_rule("evaluation.view_project_report", is_staff_member | is_project_member)
rules.add_rule("evaluation.sign_off_report", is_leader)
rules.add_rule("evaluation.write_reflection", is_project_member)
rules.add_rule("evaluation.view_reflections", is_staff_member | is_project_member)
rules.add_rule("evaluation.hide_reflection", is_staff_member)

# The school report: staff and leaders. Staff see the names of pupils not heard, to reach them;
# leaders see how many (issue 5), so the names never travel further than the people who teach them.
rules.add_rule("evaluation.view_school_report", is_staff_member)
rules.add_rule("evaluation.see_unheard_names", is_staff_member & ~is_leader)

# Invitations to pupils not yet heard: staff and leaders send them (the dashboard lists names to both);
# a pupil answers their own (the view looks it up among theirs: anyone else's is a 404).
rules.add_rule("evaluation.invite_pupils", is_staff_member)
rules.add_rule("evaluation.answer_invitation", is_pupil)
