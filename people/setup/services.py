"""Writes of school setup: creating a school with its first leader's invitation, inviting staff,
accepting an invitation, and naming the safeguarding leads. Each is audited."""

import secrets
from datetime import timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from audit.services import log_action
from people.models import Membership, Role, School, StaffInvitation, User

STAFF_INVITATION_LIFETIME = timedelta(days=14)


class SetupError(Exception):
    """A setup action that cannot be done as asked; the message says why, in words for the page."""


def _invitation_email(invitation: StaffInvitation, accept_url: str) -> tuple[str, str]:
    school = invitation.school.name
    as_role = "the first leader" if invitation.invited_by_id is None else f"a {invitation.get_role_display().lower()}"
    subject = f"Your coproschool account at {school}"
    body = (
        f"Hello {invitation.first_name},\n\n"
        f"{school} uses coproschool, where pupils, staff, parents and leaders run projects together.\n"
        f"You are invited as {as_role} of {school}.\n\n"
        f"Open this link to make your account:\n{accept_url}\n\n"
        f"The link works until {timezone.localtime(invitation.expires_at):%d %B %Y}. "
        "If you did not expect this email you can ignore it.\n"
    )
    return subject, body


def _unique_slug(name: str) -> str:
    base = slugify(name)[:40] or "school"
    slug, number = base, 2
    while School.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def staff_invitation_send(
    *,
    school: School,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    invited_by: Membership | None,
    site_url: str,
) -> StaffInvitation:
    """Invite (or invite again, with a fresh link) a member of staff by email; the email leaves on commit."""
    if role not in (Role.STAFF, Role.LEADER):
        raise SetupError("Staff can be invited as staff or as a leader.")
    if invited_by is not None and (invited_by.school_id != school.pk or not invited_by.is_leader):
        raise SetupError("Only a leader of the school can invite its staff.")
    email = email.strip()
    if Membership.objects.filter(school=school, user__email__iexact=email, role__in=[Role.STAFF, Role.LEADER]).exists():
        raise SetupError(f"{email} is already a member of staff at {school.name}.")
    invitation = (
        StaffInvitation.objects.select_for_update()
        .filter(school=school, email__iexact=email, accepted_at__isnull=True)
        .first()
    ) or StaffInvitation(school=school, email=email)
    invitation.first_name, invitation.last_name, invitation.role = first_name.strip(), last_name.strip(), role
    invitation.token = secrets.token_urlsafe(32)
    invitation.invited_by = invited_by
    invitation.expires_at = timezone.now() + STAFF_INVITATION_LIFETIME
    invitation.save()
    log_action(
        actor=invited_by.user if invited_by else None,
        verb="setup.invite_staff",
        target=invitation,
        data={"role": role},
        school_id=school.pk,
    )
    subject, body = _invitation_email(
        invitation, site_url + reverse("people:staff_invitation", args=[invitation.token])
    )
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation


@transaction.atomic
def school_create(
    *, name: str, leader_email: str, leader_first_name: str, leader_last_name: str, site_url: str, slug: str = ""
) -> tuple[School, StaffInvitation]:
    """The operator's one step for a new school: the school itself and its first leader's invitation."""
    name = name.strip()
    if not name:
        raise SetupError("Give the school a name.")
    if School.objects.filter(name__iexact=name).exists():
        raise SetupError(f"A school called {name} already exists.")
    slug = slugify(slug) if slug else _unique_slug(name)
    if School.objects.filter(slug=slug).exists():
        raise SetupError(f"The short name {slug} is taken. Choose another.")
    school = School.objects.create(name=name, slug=slug)
    log_action(actor=None, verb="setup.school_create", target=school, school_id=school.pk)
    invitation = staff_invitation_send(
        school=school,
        email=leader_email,
        first_name=leader_first_name,
        last_name=leader_last_name,
        role=Role.LEADER,
        invited_by=None,
        site_url=site_url,
    )
    return school, invitation


def staff_invitation_problem(invitation: StaffInvitation | None) -> str:
    """Why this invitation cannot be used, or "" if it can."""
    if invitation is None:
        return "This invitation link is not valid. Check that you copied the whole link from the email."
    if invitation.accepted_at:
        return "This invitation has already been used. Sign in with the account you made."
    if invitation.expires_at <= timezone.now():
        return "This invitation has expired. Ask your school's leader for a new one."
    return ""


@transaction.atomic
def staff_invitation_accept(*, invitation: StaffInvitation, user: User) -> Membership:
    """Make the signed-in user staff (or a leader) of the inviting school."""
    invitation = StaffInvitation.objects.select_for_update().select_related("school").get(pk=invitation.pk)
    problem = staff_invitation_problem(invitation)
    if problem:
        raise SetupError(problem)
    if (user.email or "").casefold() != invitation.email.casefold():
        raise SetupError(
            f"This invitation was sent to {invitation.email}. Sign out, then sign in or make an account "
            "with that address."
        )
    if (
        Membership.objects.filter(user=user, role__in=[Role.STAFF, Role.LEADER])
        .exclude(school=invitation.school)
        .exists()
    ):
        raise SetupError("Your account already works for another school. Ask for an invitation to a different address.")
    membership = Membership.objects.filter(
        user=user, school=invitation.school, role__in=[Role.STAFF, Role.LEADER]
    ).first()
    if membership is None:
        try:
            with transaction.atomic():
                membership = Membership.objects.create(user=user, school=invitation.school, role=invitation.role)
        except IntegrityError:
            raise SetupError("Your account already holds this role at another school.") from None
    if not user.first_name and not user.last_name:
        user.first_name, user.last_name = invitation.first_name, invitation.last_name
        user.save(update_fields=["first_name", "last_name"])
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    log_action(actor=user, verb="setup.join_staff", target=invitation, school_id=invitation.school_id, person=user)
    return membership


@transaction.atomic
def staff_invitation_cancel(*, invitation: StaffInvitation, actor: Membership) -> None:
    if invitation.school_id != actor.school_id or not actor.is_leader:
        raise SetupError("Only a leader of the school can cancel its invitations.")
    if invitation.accepted_at:
        raise SetupError("This invitation was already used; it cannot be cancelled.")
    log_action(actor=actor.user, verb="setup.cancel_invitation", target=invitation, school_id=invitation.school_id)
    invitation.delete()


@transaction.atomic
def school_set_safeguarding_leads(
    *, school: School, actor: Membership, lead_ids: set[int], deputy_ids: set[int]
) -> None:
    """Set exactly who the leads and deputies are (never a toggle): staff of this school only."""
    if not actor.is_leader or actor.school_id != school.pk:
        raise SetupError("Only a leader of the school can name its safeguarding leads.")
    if not lead_ids:
        raise SetupError("Name at least one designated safeguarding lead: concerns must reach someone.")
    if lead_ids & deputy_ids:
        raise SetupError("A person is either a lead or a deputy, not both.")
    staff = Membership.objects.select_for_update().filter(
        school=school, role__in=[Role.STAFF, Role.LEADER], is_active=True
    )
    staff_ids = set(staff.values_list("pk", flat=True))
    if not (lead_ids | deputy_ids) <= staff_ids:
        raise SetupError("Only active staff of the school can be safeguarding leads.")
    for membership in staff:
        lead, deputy = membership.pk in lead_ids, membership.pk in deputy_ids
        if (membership.is_safeguarding_lead, membership.is_deputy_safeguarding_lead) != (lead, deputy):
            membership.is_safeguarding_lead, membership.is_deputy_safeguarding_lead = lead, deputy
            membership.save(update_fields=["is_safeguarding_lead", "is_deputy_safeguarding_lead"])
    log_action(
        actor=actor.user,
        verb="setup.safeguarding_leads",
        target=school,
        data={"leads": sorted(lead_ids), "deputies": sorted(deputy_ids)},
        school_id=school.pk,
    )
