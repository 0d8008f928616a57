"""Reads for the people app. Every query is scoped to one school."""

from django.db.models import Q, QuerySet

from people.models import Membership, Role, School, User

# When a user holds several roles, the page opens in the one with the widest view.
ROLE_PRIORITY = [Role.LEADER, Role.STAFF, Role.PARENT, Role.PUPIL]


def membership_active_for(*, user: User, membership_id: int | None = None) -> Membership | None:
    """The membership a request acts in: the one chosen in the session, else the widest role."""
    memberships = list(Membership.objects.filter(user=user, is_active=True).select_related("school"))
    if not memberships:
        return None
    for membership in memberships:
        if membership.pk == membership_id:
            return membership
    return min(memberships, key=lambda m: ROLE_PRIORITY.index(m.role))


def people_list(
    *, school: School, search: str = "", role: str = "", year_group: int | None = None
) -> QuerySet[Membership]:
    people = Membership.objects.filter(school=school, is_active=True).select_related("user")
    if role:
        people = people.filter(role=role)
    if year_group:
        people = people.filter(year_group=year_group)
    for word in search.split():
        people = people.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__username__icontains=word)
            | Q(form__iexact=word)
        )
    return people.order_by("role", "year_group", "form", "user__last_name", "user__first_name")


def membership_get(*, school: School, pk: int) -> Membership:
    """One person of this school; another school's id is simply not found (404, never 403)."""
    return Membership.objects.select_related("user", "school").get(school=school, pk=pk)


def year_groups_in(*, school: School) -> list[int]:
    return list(
        Membership.objects.filter(school=school, role=Role.PUPIL, is_active=True)
        .values_list("year_group", flat=True)
        .distinct()
        .order_by("year_group")
    )
