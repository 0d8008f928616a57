"""Consent given, refused or withdrawn: the pupil and the facilitators of their projects are told."""

from django.urls import reverse

from people.models import GuardianLink
from people.notifications.kinds import audience, kind_get
from people.notifications.services import notify

CHANGES = {"given": "gave", "refused": "refused", "withdrawn": "withdrew"}


def notify_consent_changed(*, link: GuardianLink) -> None:
    kind = kind_get("consent_changed")
    title = kind.title_for(
        parent=link.parent.user.display_name,
        change=CHANGES.get(link.consent_status, "changed"),
        pupil=link.pupil.user.display_name,
    )
    # Each change is its own notification: the moment it was made is part of the exactly-once key.
    period = f"{link.consent_changed_at:%Y%m%d%H%M%S}"
    facilitators = audience("pupil_facilitators", pupil=link.pupil)
    notify(kind=kind.key, subject=link, recipients=facilitators, period=period, title=title, url=kind.link(link))
    # The pupil reads it where their privacy is explained, not on the staff page about them.
    pupil_url = f"{reverse('notifications:preferences')}#privacy"
    notify(kind=kind.key, subject=link, recipients=[link.pupil], period=period, title=title, url=pupil_url)
