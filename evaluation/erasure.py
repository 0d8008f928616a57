"""What a person's erasure removes from the evaluation app (registered with people.privacy.erasure)."""

from evaluation.models import DraftAnswer, Invitation, NamedResponse
from people.privacy.erasure import eraser


@eraser
def evaluation_erase_member(membership_ids: list[int]) -> None:
    DraftAnswer.objects.filter(membership__in=membership_ids).delete()
    # Their named answers stay in the results, as anonymous ones.
    NamedResponse.objects.filter(membership__in=membership_ids).delete()
    # Invitations were addressed to them (a personal line, their answer): nothing in them is aggregate.
    Invitation.objects.filter(pupil__in=membership_ids).delete()
