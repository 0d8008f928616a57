"""Reads about consent: what a pupil may do, and each parent's answers for their school's scopes."""

from people.consent.scopes import SCOPES, TAKING_PART, ConsentScope
from people.models import ConsentStatus, GuardianLink, Membership

NEEDS_TAKING_PART = "Your parent or carer needs to agree before you can take part. Ask them to open the consent page."


def consent_allows(*, pupil: Membership, scope: str) -> bool:
    """Whether every linked parent agreed to `scope` for this pupil (adults are never gated).

    Reads the pupil's row only: `consent_withheld` is refreshed whenever an answer or the school's
    scopes change. A pupil with no linked parent is not gated (the school holds their consent on paper).
    """
    return not (pupil.is_pupil and scope in (pupil.consent_withheld or []))


def link_answer(link: GuardianLink, scope: str) -> str:
    if scope == TAKING_PART:
        return link.consent_status
    answer = next((consent for consent in link.consents.all() if consent.scope == scope), None)
    return answer.status if answer else ConsentStatus.PENDING


def link_answers(link: GuardianLink) -> list[dict]:
    """The school's scopes, in registry order, each with this parent's answer and when it was given."""
    school_scopes = link.school.consent_scopes
    rows = []
    for scope in SCOPES.values():
        if scope.key not in school_scopes:
            continue
        answer = next((consent for consent in link.consents.all() if consent.scope == scope.key), None)
        changed_at = link.consent_changed_at if scope.key == TAKING_PART else getattr(answer, "changed_at", None)
        rows.append({"scope": scope, "status": ConsentStatus(link_answer(link, scope.key)), "changed_at": changed_at})
    return rows


def pupil_withheld_scopes(pupil: Membership) -> list[ConsentScope]:
    """What the pupil's parents have not agreed to, for the pupil's own page."""
    return [scope for scope in SCOPES.values() if scope.key in (pupil.consent_withheld or [])]
