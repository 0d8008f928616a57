"""Rules for needs (co-identify): everyone in the school raises, backs and comments; staff triage."""

import rules

from people.rules import is_leader, is_pupil, is_staff_member, may_take_part

rules.add_rule("projects.view_needs", rules.always_allow)
rules.add_rule("projects.raise_need", may_take_part)
rules.add_rule("projects.triage_needs", is_staff_member)
rules.add_rule("projects.hide_author_name", is_pupil)
# Who answers needs and in how many school days, and the school's holidays: leaders.
rules.add_rule("projects.set_need_answering", is_leader)
# "You said, we did": every member of the school.
rules.add_rule("projects.view_you_said", rules.always_allow)
