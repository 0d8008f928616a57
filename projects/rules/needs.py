"""Rules for needs (co-identify): everyone in the school raises, backs and comments; staff triage."""

import rules

from people.rules import is_pupil, is_staff_member, may_take_part

rules.add_rule("projects.view_needs", rules.always_allow)
rules.add_rule("projects.raise_need", may_take_part)
rules.add_rule("projects.triage_needs", is_staff_member)
rules.add_rule("projects.hide_author_name", is_pupil)
