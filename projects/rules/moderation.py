"""Rules for moderation and safeguarding: anyone reports; staff moderate; the safeguarding lead handles concerns."""

import rules

from people.rules import is_pupil, is_safeguarding_lead, is_staff_member

rules.add_rule("projects.report_content", rules.always_allow)
rules.add_rule("projects.moderate", is_staff_member)
rules.add_rule("projects.handle_safeguarding", is_safeguarding_lead)


@rules.predicate
def is_deputy_safeguarding_lead(membership) -> bool:
    return bool(membership) and membership.is_deputy_safeguarding_lead


# A concern's own page: the leads, and deputies (who see only concerns escalated to them: the selector).
rules.add_rule("projects.open_concern", is_safeguarding_lead | is_deputy_safeguarding_lead)
rules.add_rule("projects.tell_trusted_adult", is_pupil)
