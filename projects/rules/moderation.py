"""Rules for moderation and safeguarding: anyone reports; staff moderate; the safeguarding lead handles concerns."""

import rules

from people.rules import is_pupil, is_safeguarding_lead, is_staff_member

rules.add_rule("projects.report_content", rules.always_allow)
rules.add_rule("projects.moderate", is_staff_member)
rules.add_rule("projects.handle_safeguarding", is_safeguarding_lead)
rules.add_rule("projects.tell_trusted_adult", is_pupil)
