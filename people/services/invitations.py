"""Parents: invited by email for a pupil, linked on acceptance, then they record consent."""

import secrets
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from audit.services import log_action
from people.consent.scopes import TAKING_PART
from people.consent.services import pupil_consent_refresh
from people.models import ConsentStatus, GuardianConsent, GuardianLink, Membership, ParentInvitation, Role, User
from people.notifications.consent import notify_consent_changed

INVITATION_LIFETIME = timedelta(days=14)
# Which consent changes a parent can make from each state.
CONSENT_CHANGES = {
    ConsentStatus.PENDING: {ConsentStatus.GIVEN, ConsentStatus.REFUSED},
    ConsentStatus.GIVEN: {ConsentStatus.WITHDRAWN},
    ConsentStatus.REFUSED: {ConsentStatus.GIVEN},
    ConsentStatus.WITHDRAWN: {ConsentStatus.GIVEN},
}


class InvitationError(Exception):
    pass


class ConsentChangeNotAllowed(Exception):
    pass


def _invitation_email(invitation: ParentInvitation, accept_url: str) -> tuple[str, str]:
    school, child = invitation.school.name, invitation.pupil.user.get_full_name()
    subject = f"{school} invites you to follow {child}'s projects"
    body = (
        f"Hello,\n\n{school} uses coproschool, where pupils, staff and parents run projects together.\n"
        f"You are invited as a parent or carer of {child}.\n\n"
        f"Open this link to accept and to record your consent:\n{accept_url}\n\n"
        f"The link works until {timezone.localtime(invitation.expires_at):%d %B %Y}. "
        "If you did not expect this email you can ignore it.\n"
    )
    return subject, body


@transaction.atomic
def parent_invitation_send(*, pupil: Membership, email: str, invited_by: Membership, site_url: str) -> ParentInvitation:
    """Invite (or invite again, with a fresh link) a parent by email; the email leaves on commit."""
    if not pupil.is_pupil or pupil.school_id != invited_by.school_id or not invited_by.is_staff_member:
        raise InvitationError("Only staff of the pupil's school can invite the pupil's parents.")
    email = email.strip()
    if GuardianLink.objects.filter(pupil=pupil, parent__user__email__iexact=email).exists():
        raise InvitationError(f"{email} is already linked to {pupil.user.display_name}.")
    now = timezone.now()
    invitation = (
        ParentInvitation.objects.select_for_update()
        .filter(pupil=pupil, email__iexact=email, accepted_at__isnull=True)
        .first()
    ) or ParentInvitation(school=pupil.school, pupil=pupil, email=email)
    invitation.token = secrets.token_urlsafe(32)
    invitation.invited_by = invited_by
    invitation.expires_at = now + INVITATION_LIFETIME
    invitation.save()
    subject, body = _invitation_email(invitation, site_url + reverse("people:invitation", args=[invitation.token]))
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation


def parent_invitation_problem(invitation: ParentInvitation | None) -> str:
    """Why this invitation cannot be used, or "" if it can."""
    if invitation is None:
        return "This invitation link is not valid. Check that you copied the whole link from the email."
    if invitation.accepted_at:
        return "This invitation has already been used. Sign in to see your children."
    if invitation.expires_at <= timezone.now():
        return "This invitation has expired. Ask the school to send you a new one."
    return ""


@transaction.atomic
def parent_invitation_accept(*, invitation: ParentInvitation, user: User) -> GuardianLink:
    """Link the signed-in user as a parent of the invited pupil (making them a parent in the school)."""
    invitation = ParentInvitation.objects.select_for_update().select_related("school", "pupil").get(pk=invitation.pk)
    problem = parent_invitation_problem(invitation)
    if problem:
        raise InvitationError(problem)
    if (user.email or "").casefold() != invitation.email.casefold():
        raise InvitationError(
            f"This invitation was sent to {invitation.email}. Sign out, then sign in or create an account "
            "with that address."
        )
    parent = Membership.objects.filter(user=user, role=Role.PARENT).first()
    if parent is None:
        parent = Membership.objects.create(user=user, school=invitation.school, role=Role.PARENT)
    elif parent.school_id != invitation.school_id:
        raise InvitationError(
            "Your account is already a parent account at another school. Ask the school to invite a different "
            "email address."
        )
    elif not parent.is_active:
        parent.is_active = True
        parent.save(update_fields=["is_active"])
    link, _ = GuardianLink.objects.get_or_create(
        parent=parent, pupil=invitation.pupil, defaults={"school": invitation.school}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    # A new parent's answers are pending: what needs their consent waits for it from now.
    pupil_consent_refresh(pupil=link.pupil)
    return link


@transaction.atomic
def guardian_link_set_consent(
    *, link: GuardianLink, parent: Membership, status: str, scope: str = TAKING_PART
) -> GuardianLink:
    """The parent gives, refuses or withdraws consent for one scope; the date is recorded and the gates follow."""
    if parent.pk != link.parent_id:
        raise ConsentChangeNotAllowed("Only the child's linked parent can change this consent.")
    if scope not in link.school.consent_scopes:
        raise ConsentChangeNotAllowed("The school does not ask for this consent.")
    answer = link if scope == TAKING_PART else GuardianConsent.objects.get_or_create(link=link, scope=scope)[0]
    was = link.consent_status if scope == TAKING_PART else answer.status
    if status not in CONSENT_CHANGES[was]:
        raise ConsentChangeNotAllowed(
            f"Consent is {ConsentStatus(was).label.lower()}; it cannot become "
            f"{ConsentStatus(status).label.lower() if status in ConsentStatus.values else status!r}."
        )
    changed_at = timezone.now()
    if scope == TAKING_PART:
        link.consent_status, link.consent_changed_at = status, changed_at
        link.save(update_fields=["consent_status", "consent_changed_at"])
    else:
        answer.status, answer.changed_at = status, changed_at
        answer.save(update_fields=["status", "changed_at"])
    pupil_consent_refresh(pupil=link.pupil)
    # Taking part keeps the entry it always had; other scopes name themselves.
    scoped = {} if scope == TAKING_PART else {"scope": scope}
    log_action(
        actor=parent.user, verb="consent.change", target=link, data={"pupil": link.pupil_id, "status": status, **scoped}
    )
    notify_consent_changed(link=link, scope=scope, status=status, changed_at=changed_at)
    return link
