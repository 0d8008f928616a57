from django.db.models import QuerySet

from people.badges.models import Badge
from people.models import Membership


def badges_of(*, pupil: Membership) -> QuerySet[Badge]:
    """The pupil's badges, the working one first, with who issued and stopped each."""
    return Badge.objects.filter(membership=pupil).select_related("issued_by__user", "revoked_by__user")


def badge_active_of(*, pupil: Membership) -> Badge | None:
    return Badge.objects.filter(membership=pupil, revoked_at__isnull=True).select_related("membership__user").first()
