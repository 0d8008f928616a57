"""Reads for projects and their pages, shaped so a page runs a fixed number of queries."""

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from people.models import Membership
from projects.models import (
    OPEN_TASK_STATUSES,
    Charter,
    Idea,
    JoinRequest,
    JoinRequestStatus,
    Need,
    Project,
    ProjectMembership,
    Stage,
    StageProposal,
    StageTransition,
    Visibility,
)

MEMBERS_PREFETCH = Prefetch(
    "memberships", queryset=ProjectMembership.objects.select_related("membership__user").order_by("role", "joined_at")
)


def _visible_to(viewer: Membership) -> QuerySet[Project]:
    projects = Project.objects.filter(school=viewer.school)
    if viewer.is_staff_member:
        # Staff see every project of their school: everything pupils write is visible to facilitators.
        return projects
    return projects.filter(
        Q(visibility=Visibility.SCHOOL)
        | Q(pk__in=ProjectMembership.objects.filter(membership=viewer).values("project"))
    )


def projects_list(
    *, viewer: Membership, search: str = "", stage: str = "", looking_for_facilitator: bool = False
) -> QuerySet[Project]:
    projects = _visible_to(viewer)
    if stage:
        projects = projects.filter(stage=stage)
    if looking_for_facilitator:
        projects = projects.filter(facilitator_count=0)
    for word in search.split():
        projects = projects.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    # Needs, members and facilitators are counted on the project's row (projects.counters).
    return projects.prefetch_related(MEMBERS_PREFETCH).order_by("-created_at", "-pk")


def project_get(*, viewer: Membership, pk: int) -> Project:
    """A project of the viewer's school, whoever may see it; rules decide the rest. Raises DoesNotExist."""
    project = Project.objects.filter(school=viewer.school).prefetch_related(MEMBERS_PREFETCH).get(pk=pk)
    project.school = viewer.school  # the school it was looked up in, already loaded: no query for it later
    return project


def project_page(*, viewer: Membership, project: Project) -> dict:
    """Everything the project page shows, each in one query whatever the number of rows.

    Read live on every request, so a hidden need or a new backing shows at once (issue 16).
    """
    facts = _shared_facts(project)
    join_requests = JoinRequest.objects.filter(project=project, status=JoinRequestStatus.PENDING).select_related(
        "membership__user"
    )
    idea_counts = Idea.objects.filter(visible_idea_q(viewer), project=project).aggregate(
        total=Count("pk"), shortlisted=Count("pk", filter=Q(is_shortlisted=True))
    )
    return {
        **facts,
        "join_requests": join_requests,
        "idea_counts": idea_counts,
        # Only someone outside the project can have asked to join it.
        "viewer_asked_to_join": project.role_of(viewer) is None
        and JoinRequest.objects.filter(project=project, membership=viewer, status=JoinRequestStatus.PENDING).exists(),
    }


def _shared_facts(project: Project) -> dict:
    """`project` comes from `project_get` (members and their users prefetched): the people on the
    timeline and the open proposal are taken from there rather than joined in again, since each
    join to memberships and users costs more to build than the rows it fetches (bench, issue 9)."""
    needs = (
        Need.objects.filter(projects=project, hidden_at__isnull=True)
        .select_related("author__user")
        .order_by("-backer_count", "pk")
    )
    transitions = list(StageTransition.objects.filter(project=project))
    proposal = StageProposal.objects.filter(project=project, status=StageProposal.Status.OPEN).first()
    attach_people(project, transitions, ("actor", "proposed_by"))
    attach_people(project, [proposal] if proposal else [], ("proposed_by",))
    return {
        "needs": list(needs),
        "transitions": transitions,
        "proposal": proposal,
        "deadlines": {deadline.stage: deadline.due_on for deadline in project.deadlines.all()},
        "charter": Charter.objects.filter(school=project.school_id).first(),
        "open_tasks": project.tasks.filter(status__in=OPEN_TASK_STATUSES).count(),
    }


def attach_people(project: Project, rows: list, fields: tuple[str, ...]) -> None:
    """Set each row's membership foreign keys `fields` (with their users) from the project's members
    (prefetched by `project_get`, else loaded once); people no longer in the project are loaded in one query."""
    prefetch_related_objects([project], MEMBERS_PREFETCH)
    known = {pm.membership_id: pm.membership for pm in project.memberships.all()}
    ids = {getattr(row, f"{field}_id") for row in rows for field in fields} - {None}
    if ids - known.keys():
        known |= Membership.objects.select_related("user").in_bulk(ids - known.keys())
    for row in rows:
        for field in fields:
            if getattr(row, f"{field}_id") is not None:
                setattr(row, field, known[getattr(row, f"{field}_id")])


def visible_idea_q(viewer: Membership) -> Q:
    return Q(hidden_at__isnull=True) | Q(created_by=viewer)


def stage_timeline(*, project: Project, transitions: list[StageTransition], deadlines: dict) -> list[dict]:
    """All five stages (and completion), each with its state, deadline and the moves into it."""
    current = Stage(project.stage)
    return [
        {
            "stage": stage,
            "state": "done" if stage.position < current.position else "current" if stage == current else "todo",
            "due_on": deadlines.get(stage),
            "moves": [t for t in transitions if t.to_stage == stage],
        }
        for stage in Stage
    ]


def projects_taking_up(*, need, viewer: Membership) -> list[Project]:
    """The projects working on `need` that `viewer` may see: the answer "taken up as a project" on the need's page."""
    return list(_visible_to(viewer).filter(needs=need).order_by("pk").only("pk", "title"))
