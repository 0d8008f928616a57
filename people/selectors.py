"""Reads for the people app. Every query is scoped to one school."""

from django.db.models import Q, QuerySet

from people.models import (
    ConsentStatus,
    GuardianLink,
    Membership,
    ParentInvitation,
    Role,
    RosterImport,
    RosterImportStatus,
    School,
    User,
)

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


def roster_import_get(*, school: School, pk: int) -> RosterImport:
    """One import of this school; another school's import is not found (404)."""
    return RosterImport.objects.select_related("school").get(school=school, pk=pk)


def roster_imports_recent(*, school: School, limit: int = 10) -> QuerySet[RosterImport]:
    return RosterImport.objects.filter(school=school, status=RosterImportStatus.CONFIRMED).select_related(
        "uploaded_by__user"
    )[:limit]


def parent_invitation_by_token(*, token: str) -> ParentInvitation | None:
    return ParentInvitation.objects.select_related("school", "pupil__user").filter(token=token).first()


def pupil_guardians(*, pupil: Membership) -> QuerySet[GuardianLink]:
    return pupil.guardian_links.select_related("parent__user").order_by("parent__user__last_name")


def pupil_open_invitations(*, pupil: Membership) -> QuerySet[ParentInvitation]:
    return pupil.parent_invitations.filter(accepted_at__isnull=True).order_by("-created_at")


def display_name_fields(user_path: str) -> tuple[str, ...]:
    """The fields `User.display_name` reads, through `user_path` (for `only()`): a list that shows
    names loads no whole users (password hashes included) to show them (bench, issue 9)."""
    return tuple(f"{user_path}__{field}" for field in ("first_name", "last_name", "username"))


def parents_who_can_see(*, pupil: Membership) -> QuerySet[GuardianLink]:
    """The links through which a parent follows this pupil's activity (consent given, parent active),
    with the parents' names: the notice on a pupil's pages shows only those."""
    return (
        GuardianLink.objects.filter(pupil=pupil, consent_status=ConsentStatus.GIVEN, parent__is_active=True)
        .select_related("parent__user")
        .only(*display_name_fields("parent__user"))
        .order_by("parent__user__first_name", "pk")
    )


def parent_children_links(*, parent: Membership) -> QuerySet[GuardianLink]:
    return parent.children_links.select_related("pupil__user").order_by("pupil__user__first_name")


def guardian_link_for_parent(*, parent: Membership, pk: int) -> GuardianLink:
    """A parent sees only their own links; anyone else's is not found (404)."""
    return (
        GuardianLink.objects.select_related("pupil__user", "school")
        .prefetch_related("consents")
        .get(school=parent.school, parent=parent, pk=pk)
    )


def user_with_email_exists(*, email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


# What a person picker (coproschool/pickers.py) searches in: first and last names.
MEMBER_SEARCH_FIELDS = ("user__first_name", "user__last_name")


def member_picker_label(membership: Membership) -> str:
    """A person as a picker lists them: name and role, so two people of one name can be told apart."""
    return f"{membership.user.display_name} ({membership.get_role_display().lower()})"


def pupil_choices(*, school: School) -> QuerySet[Membership]:
    """The school's current pupils, youngest year first, for a pupil picker."""
    return (
        Membership.objects.filter(school=school, role=Role.PUPIL, is_active=True)
        .select_related("user")
        .order_by("year_group", "user__last_name", "user__first_name", "pk")
    )
