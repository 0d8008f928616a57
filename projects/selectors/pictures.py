"""Reads for pictures: which an idea or need shows to a viewer, one picture for its file, and the
pictures waiting for staff. A waiting picture is seen only by the person who added it and by staff."""

from django.db.models import Q, QuerySet

from people.models import Membership
from projects.models import Idea, Need, Picture, PictureStatus
from projects.selectors.needs import visible_content_q
from projects.selectors.projects import visible_idea_q


def _seen_by_q(viewer: Membership) -> Q:
    if viewer.is_staff_member:
        return Q()
    return Q(status=PictureStatus.APPROVED) | Q(uploaded_by=viewer)


def pictures_shown(*, viewer: Membership, parent: Idea | Need) -> list[Picture]:
    """The pictures of an idea or a need that `viewer` may see, oldest first."""
    return list(parent.pictures.filter(_seen_by_q(viewer)).order_by("created_at", "pk"))


def picture_count(*, parent: Idea | Need) -> int:
    """Every picture it has, waiting or not: what counts towards the limit."""
    return parent.pictures.count()


def picture_get(*, viewer: Membership, pk: int) -> Picture:
    """A picture of the viewer's school that the viewer may see (its idea or need is checked by the
    caller). Raises Picture.DoesNotExist otherwise."""
    return (
        Picture.objects.filter(_seen_by_q(viewer), school=viewer.school)
        .select_related("idea", "need", "uploaded_by__user")
        .get(pk=pk)
    )


def pictures_waiting(*, staff: Membership) -> QuerySet[Picture]:
    """Pictures waiting for a member of staff, on ideas and needs that are not hidden, oldest first."""
    if not staff.is_staff_member:
        return Picture.objects.none()
    shown_parent = Q(idea__isnull=False, idea__hidden_at__isnull=True) | Q(
        need__isnull=False, need__hidden_at__isnull=True
    )
    return (
        Picture.objects.filter(shown_parent, school=staff.school, status=PictureStatus.WAITING)
        .select_related("idea__project", "need", "uploaded_by__user")
        .order_by("created_at", "pk")
    )


def picture_parent_visible(*, viewer: Membership, picture: Picture) -> bool:
    """Whether the viewer may read the idea or need the picture is on (hidden content: its author only).
    The idea's project is checked by the caller, with the project rules."""
    if picture.idea_id:
        return Idea.objects.filter(visible_idea_q(viewer), pk=picture.idea_id).exists()
    return Need.objects.filter(visible_content_q(viewer), pk=picture.need_id).exists()
