"""What a person's erasure removes from the projects app (registered with people.privacy.erasure)."""

from people.privacy.erasure import eraser
from projects.models import Goal, IdeaComment, JoinRequest, Need, NeedComment
from projects.services.pictures import pictures_erase


@eraser
def projects_erase_member(membership_ids: list[int]) -> None:
    Goal.objects.filter(pupil__in=membership_ids).delete()
    # Pictures may show them or their work: deleted, files and all (after the erasure commits).
    pictures_erase(uploaded_by=membership_ids)
    JoinRequest.objects.filter(membership__in=membership_ids).update(message="")
    # What they wrote stays for the school, without their name.
    for model in (Need, NeedComment, IdeaComment):
        model.objects.filter(author__in=membership_ids).update(hide_author=True)
