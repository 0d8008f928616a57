"""Consent given, refused or withdrawn: the pupil, the facilitators of their projects and the
school's safeguarding leads are told, each once per change."""

from datetime import datetime

from django.urls import reverse

from people.consent.scopes import scope_get
from people.models import GuardianLink, Membership
from people.notifications.kinds import audience, kind_get
from people.notifications.services import notify

CHANGES = {"given": "gave", "refused": "refused", "withdrawn": "withdrew"}


def notify_consent_changed(*, link: GuardianLink, scope: str, status: str, changed_at: datetime) -> None:
    kind = kind_get("consent_changed")
    title = kind.title_for(
        parent=link.parent.user.display_name,
        change=CHANGES.get(status, "changed"),
        scope=scope_get(scope).label.lower(),
        pupil=link.pupil.user.display_name,
    )
    # Each change (of any scope) is its own notification: its moment is part of the exactly-once key.
    period = f"{changed_at:%Y%m%d%H%M%S%f}"
    staff = {member.pk: member for member in audience("pupil_facilitators", pupil=link.pupil)}
    for lead in Membership.objects.filter(school_id=link.school_id, is_safeguarding_lead=True, is_active=True):
        staff.setdefault(lead.pk, lead)
    url = kind.link(link)
    notify(kind=kind.key, subject=link, recipients=list(staff.values()), period=period, title=title, url=url)
    # The pupil reads it where their privacy is explained, not on the staff page about them.
    pupil_url = f"{reverse('notifications:preferences')}#privacy"
    notify(kind=kind.key, subject=link, recipients=[link.pupil], period=period, title=title, url=pupil_url)
