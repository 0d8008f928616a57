"""Rules for the charter: leaders write it, everyone reads it."""

import rules

from people.rules import is_leader

rules.add_rule("projects.view_charter", rules.always_allow)
rules.add_rule("projects.edit_charter", is_leader)
