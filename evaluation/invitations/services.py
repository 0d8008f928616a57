"""Writes for invitations: staff invite pupils not yet heard in one action; a pupil answers one.

`invitations_send` runs a fixed number of queries whatever the number of pupils (a test compares 20
and 200): one to keep the pupils who may be invited, one to find who already was, one bulk insert,
the audit entry, and the notifications in batches (people.notifications.services.notify).

`invitations_taken_up` listens to people.taking_part: the first contribution of any kind a pupil
makes after an invitation (the kinds evaluation.figures counts) stamps its `took_part_at`, in the
contributing service's transaction. The school report counts those stamps.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from audit.services import log_action
from evaluation.invitations.selectors import target_is_open, target_what, target_words, who_may_be_invited
from evaluation.models import Invitation, InvitationAnswer, Survey
from evaluation.notifications import notify_invited
from people.consent.scopes import TAKING_PART
from people.consent.selectors import consent_allows
from people.models import Membership
from people.taking_part import on_taking_part
from projects.errors import ProjectError
from projects.models import Need, Project
from projects.services.projects import join_request_create

MESSAGE_MAX_LENGTH = 300
# The most pupils one action invites: what the invite page lists at once.
MAX_PUPILS = 300


class InvitationError(Exception):
    """An invitation that cannot be sent or answered; the message is written for the person."""


@dataclass(frozen=True)
class SendResult:
    invited: int
    # Already invited to the same thing: not invited twice.
    skipped: int
    # No longer able to take it up: left the school, already in the project, outside the survey's
    # audience, or their parent or carer has not agreed to them taking part.
    left_out: int


def target_field(target: Model) -> str:
    if isinstance(target, Project):
        return "project"
    if isinstance(target, Need):
        return "need"
    if isinstance(target, Survey):
        return "survey"
    raise InvitationError("Choose a project, a need or a survey.")


@transaction.atomic
def invitations_send(*, inviter: Membership, target: Model, pupil_ids: list[int], message: str = "") -> SendResult:
    """Invite each chosen pupil to `target`, once: a pupil already invited to it is skipped."""
    field = target_field(target)
    if not inviter.is_staff_member:
        raise InvitationError("Only staff send invitations.")
    if target.school_id != inviter.school_id:
        raise InvitationError("Choose a project, a need or a survey of your school.")
    if not target_is_open(target):
        raise InvitationError(f"{target_words(target)} is no longer open to pupils: choose another.")
    message = message.strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise InvitationError(f"Keep the personal line to {MESSAGE_MAX_LENGTH} characters.")
    requested = set(pupil_ids)
    if not requested:
        raise InvitationError("Choose at least one pupil to invite.")
    if len(requested) > MAX_PUPILS:
        raise InvitationError(f"Invite at most {MAX_PUPILS} pupils at a time.")

    candidates = who_may_be_invited(target).filter(pk__in=requested).only("pk", "role", "consent_withheld")
    eligible = {pupil.pk for pupil in candidates if consent_allows(pupil=pupil, scope=TAKING_PART)}
    already = set(
        Invitation.objects.filter(**{field: target}, pupil_id__in=eligible).values_list("pupil_id", flat=True)
    )
    new = sorted(eligible - already)
    Invitation.objects.bulk_create(
        [
            Invitation(school_id=inviter.school_id, inviter=inviter, pupil_id=pid, message=message, **{field: target})
            for pid in new
        ],
        ignore_conflicts=True,  # a second send at the same moment inserts nothing twice
    )
    result = SendResult(invited=len(new), skipped=len(already), left_out=len(requested) - len(eligible))
    if new:
        log_action(
            actor=inviter.user,
            verb="invitation.send",
            target=target,
            data={"kind": field, "invited": result.invited, "skipped": result.skipped},
            school_id=inviter.school_id,
        )
        notify_invited(target=target, pupil_ids=new, inviter=inviter, what=target_what(target), message=message)
    return result


@transaction.atomic
def invitation_answer(*, invitation: Invitation, pupil: Membership, accept: bool) -> Invitation:
    """Record the pupil's answer; "yes" to a project also asks to join it (a lead or facilitator answers).

    Answering again changes the answer (the pupil said "not now" and changed their mind)."""
    if invitation.pupil_id != pupil.pk:
        raise InvitationError("This invitation is for someone else.")
    if accept and invitation.project_id:
        already_in = invitation.project.memberships.filter(membership=pupil).exists()
        already_asked = invitation.project.join_requests.filter(membership=pupil, status="pending").exists()
        if not (already_in or already_asked):
            try:
                join_request_create(project=invitation.project, membership=pupil)
            except ProjectError as error:
                raise InvitationError(str(error)) from None
    invitation.answer = InvitationAnswer.YES if accept else InvitationAnswer.NO
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["answer", "answered_at"])
    return invitation


@on_taking_part
def invitations_taken_up(*, membership_ids: list[int], at) -> int:
    """Stamp the pupils' invitations sent before `at` that no contribution stamped yet: one UPDATE,
    which finds nothing to do for staff and for pupils nobody invited. A later contribution keeps
    the first stamp."""
    return Invitation.objects.filter(pupil_id__in=membership_ids, took_part_at__isnull=True, created_at__lte=at).update(
        took_part_at=at
    )
