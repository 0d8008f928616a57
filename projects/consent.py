"""The services' consent check: a pupil without consent to take part cannot join, lead, post or vote."""

from people.consent.scopes import TAKING_PART
from people.consent.selectors import NEEDS_TAKING_PART, consent_allows
from people.models import Membership
from projects.errors import NotAllowed


def require_taking_part(actor: Membership, *others: Membership) -> None:
    """Raise NotAllowed unless `actor` (and each of `others` they act for) may take part."""
    if not consent_allows(pupil=actor, scope=TAKING_PART):
        raise NotAllowed(NEEDS_TAKING_PART)
    for other in others:
        if not consent_allows(pupil=other, scope=TAKING_PART):
            raise NotAllowed(f"{other.user.display_name}'s parent or carer has not agreed to them taking part yet.")
