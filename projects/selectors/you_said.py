"""Reads for "You said, we did" (issue 21, item 6): what pupils raised, what was decided, what changed.

The page is the same for every member (it is printed for a noticeboard): only what the whole school
may read. Needs that staff hid, and merged needs (they live on in the need they joined), are left
out; a project that only its members see is named "a project" and shows no details.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from people.models import Role, School
from projects.models import Adoption, Decision, DecisionStatus, Need, NeedStatus, Project, Visibility


@dataclass
class ProjectLine:
    title: str
    stage: str
    completed: bool
    what_changed: str
    decisions: list[dict] = field(default_factory=list)


@dataclass
class Entry:
    need: Need
    raised_at: datetime
    status: str
    projects: list[ProjectLine]


def _pupil_needs(school: School) -> QuerySet[Need]:
    decisions = Decision.objects.filter(status=DecisionStatus.CLOSED).order_by("closed_at", "pk")
    projects = Project.objects.prefetch_related(Prefetch("decisions", queryset=decisions)).order_by("created_at")
    return (
        Need.objects.filter(school=school, author__role=Role.PUPIL, hidden_at__isnull=True)
        .exclude(status=NeedStatus.MERGED)
        .select_related("answerer__user")
        .prefetch_related(Prefetch("projects", queryset=projects))
        .order_by("-created_at", "-pk")
    )


def _project_line(project: Project) -> ProjectLine:
    if project.visibility != Visibility.SCHOOL:
        return ProjectLine(title="", stage="", completed=project.stage == "completed", what_changed="")
    return ProjectLine(
        title=project.title,
        stage=project.get_stage_display(),
        completed=project.stage == "completed",
        what_changed=project.what_changed,
        decisions=[
            {
                "title": decision.title,
                "adopted": decision.adoption == Adoption.ADOPTED,
                "pending": decision.adoption == Adoption.PENDING,
                "answer": decision.get_adoption_display(),
                "reason": decision.adoption_reason if decision.adoption == Adoption.NOT_ADOPTED else "",
            }
            for decision in project.decisions.all()
        ],
    )


def you_said_we_did(*, school: School, limit: int = 200) -> list[Entry]:
    """What pupils raised, newest first, with what was decided and what changed."""
    return [
        Entry(
            need=need,
            raised_at=need.created_at,
            status=need.status,
            projects=[_project_line(project) for project in need.projects.all()],
        )
        for need in _pupil_needs(school)[:limit]
    ]
