"""Writes about consent: keeping each pupil's `consent_withheld` true to their parents' answers."""

from django.db import transaction

from audit.services import log_action
from people.consent.scopes import SCOPES
from people.consent.selectors import link_answer
from people.models import ConsentStatus, GuardianLink, Membership, School


def pupil_consent_refresh(*, pupil: Membership) -> list[str]:
    """Recompute which of the school's scopes some active linked parent has not agreed to; saved at once."""
    links = GuardianLink.objects.filter(pupil=pupil, parent__is_active=True).prefetch_related("consents")
    withheld = [
        scope
        for scope in pupil.school.consent_scopes
        if any(link_answer(link, scope) != ConsentStatus.GIVEN for link in links)
    ]
    if withheld != pupil.consent_withheld:
        pupil.consent_withheld = withheld
        Membership.objects.filter(pk=pupil.pk).update(consent_withheld=withheld)
    return withheld


@transaction.atomic
def school_set_consent_scopes(*, school: School, actor: Membership, scopes: list[str]) -> School:
    """A leader chooses what needs a parent's consent; every pupil's gates follow at once."""
    school.consent_scopes = [key for key in SCOPES if key in scopes]
    school.save(update_fields=["consent_scopes"])
    log_action(actor=actor.user, verb="consent.scopes", target=school, data={"scopes": school.consent_scopes})
    for pupil in Membership.objects.filter(school=school, guardian_links__isnull=False).distinct():
        pupil.school = school
        pupil_consent_refresh(pupil=pupil)
    return school
