"""Reads for co-deliver: the task board, my tasks, sessions, peer roles and goals."""

from django.db.models import Count, Prefetch, Q, QuerySet

from people.consent.scopes import OFF_SITE
from people.consent.selectors import consent_allows
from people.models import ConsentStatus, GuardianLink, Membership
from projects.models import (
    OPEN_TASK_STATUSES,
    Attendance,
    Goal,
    GoalNote,
    GoalStatus,
    PeerRole,
    Project,
    ProjectMembership,
    ProjectRole,
    Session,
    Task,
    TaskStatus,
)
from projects.selectors.projects import MEMBERS_PREFETCH

OWNERS_PREFETCH = Prefetch(
    "owners", queryset=Membership.objects.select_related("user").order_by("role", "user__first_name", "pk")
)


def _tasks() -> QuerySet[Task]:
    return Task.objects.prefetch_related(OWNERS_PREFETCH).annotate(
        checklist_total=Count("checklist", distinct=True),
        checklist_done=Count("checklist", filter=Q(checklist__is_done=True), distinct=True),
    )


def task_board(project: Project) -> list[dict]:
    """The board's columns, in status order, each with its tasks (one query for tasks, one for owners)."""
    tasks = list(_tasks().filter(project=project))
    return [{"status": status, "tasks": [task for task in tasks if task.status == status]} for status in TaskStatus]


def task_get(*, viewer: Membership, pk: int) -> Task:
    """A task of the viewer's school, with its project's members and its checklist. Raises DoesNotExist."""
    return (
        _tasks()
        .filter(project__school=viewer.school)
        .select_related("project", "session")
        .prefetch_related(Prefetch("project__memberships", queryset=MEMBERS_PREFETCH.queryset), "checklist")
        .get(pk=pk)
    )


def tasks_for_member(membership: Membership) -> QuerySet[Task]:
    """The member's open tasks (to do and doing), soonest due first: "My tasks" on the pupil home."""
    return (
        Task.objects.filter(owners=membership, project__school=membership.school, status__in=OPEN_TASK_STATUSES)
        .select_related("project")
        .only("title", "status", "due_on", "project__title")
        .order_by("due_on", "pk")
    )


def member_choices(project: Project) -> QuerySet[Membership]:
    """The project's members, pupils first (pupils lead delivery), for owner and attendance fields."""
    return (
        Membership.objects.filter(project_memberships__project=project)
        .select_related("user")
        .order_by("role", "user__first_name", "user__last_name", "pk")
    )


def session_no_consent(session: Session, members) -> frozenset[int]:
    """The members who may not come to this session: it is off site and a parent has not agreed."""
    if not session.is_off_site:
        return frozenset()
    return frozenset(member.pk for member in members if not consent_allows(pupil=member, scope=OFF_SITE))


def sessions_for_project(project: Project) -> QuerySet[Session]:
    # Explicit order: Meta.ordering is not applied to a grouped (annotated) query, and pages need one.
    return (
        Session.objects.filter(project=project)
        .annotate(
            present=Count("attendance", filter=Q(attendance__status="present"), distinct=True),
            action_count=Count("actions", distinct=True),
        )
        .order_by("-held_on", "-pk")
    )


def session_get(*, viewer: Membership, pk: int) -> Session:
    return (
        Session.objects.filter(project__school=viewer.school)
        .select_related("project")
        .prefetch_related(
            Prefetch("project__memberships", queryset=MEMBERS_PREFETCH.queryset),
            Prefetch("attendance", queryset=Attendance.objects.select_related("membership__user")),
            Prefetch("actions", queryset=_tasks()),
        )
        .get(pk=pk)
    )


def peer_roles_for_project(project: Project) -> QuerySet[PeerRole]:
    return PeerRole.objects.filter(project=project).select_related("holder__user", "supports__user")


def children_shared_with(parent: Membership) -> QuerySet[GuardianLink]:
    """The parent's links through which they see a child's activity: only with consent given.

    A link without consent (not yet answered, refused, withdrawn) shows the parent nothing about
    what the child does (ICO Children's code: parental visibility is not the default).
    """
    return GuardianLink.objects.filter(parent=parent, consent_status=ConsentStatus.GIVEN)


def link_shares_activity(link: GuardianLink) -> bool:
    """`children_shared_with` for one link already loaded (the parent's home): consent given."""
    return link.consent_status == ConsentStatus.GIVEN


def goals_for(viewer: Membership) -> QuerySet[Goal]:
    """Goals the viewer may see: their own (pupil), those they support (staff), their children's (parent),
    and, for staff, pupils' proposals waiting to be agreed in the projects they facilitate."""
    children = children_shared_with(viewer).values("pupil")
    waiting = Q()
    if viewer.is_staff_member:
        facilitated = ProjectMembership.objects.filter(membership=viewer, role=ProjectRole.FACILITATOR).values(
            "project"
        )
        waiting = Q(status=GoalStatus.PROPOSED, project__in=facilitated)
    return (
        Goal.objects.filter(pupil__school=viewer.school)
        .filter(Q(pupil=viewer) | Q(staff=viewer) | Q(pupil__in=children) | waiting)
        .select_related("pupil__user", "staff__user", "project")
    )


def goals_waiting_for(viewer: Membership) -> QuerySet[Goal]:
    """Pupils' goals waiting for this member of staff to agree (theirs, or in a project they facilitate)."""
    return goals_for(viewer).filter(status=GoalStatus.PROPOSED).exclude(pupil=viewer).order_by("created_at", "pk")


def goal_get(*, viewer: Membership, pk: int) -> Goal:
    return (
        Goal.objects.filter(pupil__school=viewer.school)
        .select_related("pupil__user", "staff__user", "project")
        .prefetch_related(
            Prefetch("notes", queryset=GoalNote.objects.select_related("author__user")),
            Prefetch("helpers", queryset=Membership.objects.select_related("user")),
        )
        .get(pk=pk)
    )


def is_linked_parent(parent: Membership, pupil_id: int) -> bool:
    return parent.is_parent and children_shared_with(parent).filter(pupil_id=pupil_id).exists()


def may_agree_goal(goal: Goal, membership: Membership) -> bool:
    """The goal's member of staff or any facilitator of its project (staff, not the pupil)."""
    if not membership.is_staff_member or membership.pk == goal.pupil_id:
        return False
    if membership.pk == goal.staff_id:
        return True
    return (
        goal.project_id is not None
        and ProjectMembership.objects.filter(
            project_id=goal.project_id, membership=membership, role=ProjectRole.FACILITATOR
        ).exists()
    )
