"""Who may do what with people. Predicates take the request's active membership.

Views call `rules.test_rule(name, request.membership, obj)` through `people.access`, and
templates use the same names with `{% test_rule %}`.
"""

import rules

from people.consent.scopes import TAKING_PART
from people.consent.selectors import consent_allows


@rules.predicate
def is_pupil(membership) -> bool:
    return bool(membership) and membership.is_pupil


@rules.predicate
def is_parent(membership) -> bool:
    return bool(membership) and membership.is_parent


@rules.predicate
def is_staff_member(membership) -> bool:
    return bool(membership) and membership.is_staff_member


@rules.predicate
def is_leader(membership) -> bool:
    return bool(membership) and membership.is_leader


@rules.predicate
def is_safeguarding_lead(membership) -> bool:
    return bool(membership) and membership.is_safeguarding_lead


@rules.predicate
def may_take_part(membership) -> bool:
    """Adults always; a pupil once every linked parent agreed to them taking part."""
    return bool(membership) and consent_allows(pupil=membership, scope=TAKING_PART)


rules.add_rule("people.view_people", is_staff_member)
rules.add_rule("people.import_roster", is_staff_member)
rules.add_rule("people.invite_parent", is_staff_member)
rules.add_rule("people.reset_pupil_password", is_staff_member)
rules.add_rule("people.export_person_data", is_staff_member)
rules.add_rule("people.record_special_category", is_staff_member)
rules.add_rule("people.record_leaving", is_staff_member)
rules.add_rule("people.erase_person", is_leader)
rules.add_rule("people.manage_privacy", is_leader)
# A new school's setup checklist (people.setup): its leaders name the leads, invite staff, choose consent.
rules.add_rule("people.set_up_school", is_leader)
rules.add_rule("people.record_consent", is_parent)
# The "What happened" page (front): leaders read the story; the safeguarding lead reads it with safeguarding.
rules.add_rule("people.view_audit_log", is_leader | is_safeguarding_lead)
# QR badges (people.badges): staff give, reissue and stop a pupil's badge.
rules.add_rule("people.manage_badges", is_staff_member)
