"""What each person's home page shows. Each function runs a fixed number of queries.

They gather the other selectors' reads (tasks, goals, surveys, needs, the dashboard's counts) for
one person, rather than query again: a home page is a summary of pages that already exist. Where a
page's read loads more than the summary shows (the needs list's authors, goals_for's parent checks
for a pupil's own goals), the home reads less (bench, issue 9).
"""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from evaluation.models import ExportStatus, ReportExport, ReportKind
from evaluation.selectors import surveys_to_answer
from front.selectors.dashboard import adoptions_waiting, participation, stage_counts
from people.models import ConsentStatus, Membership
from people.selectors import display_name_fields, parent_children_links
from projects.models import Charter, Goal, ProjectMembership, ProjectRole, Stage
from projects.selectors.decisions import votes_waiting_for
from projects.selectors.delivery import goals_for, tasks_for_member
from projects.selectors.needs import needs_to_back
from projects.selectors.subqueries import open_proposal

NEEDS_TO_BACK = 5
# The votes closing soonest; the rest are one click away on "Votes for you" (projects:votes_waiting).
VOTES_ON_HOME = 5


def _project_places(members) -> QuerySet[ProjectMembership]:
    """Project places of these people, newest activity first."""
    return (
        ProjectMembership.objects.filter(membership__in=members)
        .select_related("project")
        .order_by("-project__updated_at", "pk")
    )


def next_step(pm: ProjectMembership) -> dict:
    """The pupil's next step in one project, in plain words, with where to do it: {"text", "url"}."""
    project = pm.project
    if pm.proposal_by_id and pm.proposal_by_id != pm.membership_id and pm.role == ProjectRole.LEAD:
        to = Stage(pm.proposal_to).label
        return {
            "text": f"Your facilitator wants to move on to {to}. Check and say yes.",
            "url": project.get_absolute_url(),
        }
    stage = Stage(project.stage)
    if stage == Stage.CO_IDENTIFY:
        if pm.role == ProjectRole.LEAD:
            text = "Get the project ready: what people get back, and a teacher to help."
            return {"text": text, "url": project.get_absolute_url()}
        return {"text": "Ask friends to back the need this project is about.", "url": reverse("projects:need_list")}
    # Only the step's own URL is reversed: a home lists every project of the pupil (bench, issue 9).
    text, viewname, args = {
        Stage.CO_DESIGN: ("Add your idea.", "projects:idea_create", [project.pk]),
        Stage.CO_DECIDE: ("Vote for the ideas you like best.", "projects:decision_list", [project.pk]),
        Stage.CO_DELIVER: ("Do your tasks and tick them off.", "projects:task_board", [project.pk]),
        Stage.CO_EVALUATE: ("Answer the survey: did it work?", "evaluation:mine", []),
        Stage.COMPLETED: ("All done! See it in your portfolio.", "projects:portfolio", [pm.membership_id]),
    }[stage]
    return {"text": text, "url": reverse(viewname, args=args)}


def pupil_home(pupil: Membership) -> dict:
    places = _project_places([pupil]).only("role", "membership", "project__title", "project__stage")
    # A pupil is in a few projects: one lookup each for its open proposal.
    projects = list(
        places.annotate(
            proposal_by_id=open_proposal("proposed_by_id", project="project"),
            proposal_to=open_proposal("to_stage", project="project"),
        )
    )
    for pm in projects:
        pm.next_step = next_step(pm)
    votes = votes_waiting_for(pupil, project_ids={pm.project_id for pm in projects})
    return {
        "my_projects": projects,
        "my_tasks": tasks_for_member(pupil),
        "votes": votes[:VOTES_ON_HOME],
        "votes_count": len(votes),
        "surveys": surveys_to_answer(pupil),
        "needs_to_back": needs_to_back(viewer=pupil, limit=NEEDS_TO_BACK),
        # Their own goals: goals_for's school and parent checks cannot narrow these, only slow them.
        "goals": Goal.objects.filter(pupil=pupil, met_on__isnull=True)
        .select_related("staff__user")
        .only("goal", *display_name_fields("staff__user")),
        "today": timezone.localdate(),
    }


def parent_home(parent: Membership) -> dict:
    links = list(parent_children_links(parent=parent))
    # Consent given is what lets a parent follow the child's projects and goals (children_shared_with).
    children = [link.pupil for link in links if link.consent_status == ConsentStatus.GIVEN]
    return {
        "children_links": links,
        "children_projects": _project_places(children).select_related("membership__user"),
        "children_goals": goals_for(parent).filter(pupil__in=children),
        "surveys": surveys_to_answer(parent),
    }


def leader_home(leader: Membership) -> dict:
    school = leader.school
    counts = stage_counts(school=school)
    return {
        "charter": Charter.objects.filter(school=school).first(),
        "stage_counts": [(stage, counts[stage]) for stage in Stage],
        "adoptions": adoptions_waiting(school=school),
        "latest_school_report": ReportExport.objects.filter(
            school=school, kind=ReportKind.SCHOOL, status=ExportStatus.DONE
        )
        .order_by("-finished_at", "-pk")
        .first(),
        "participation": participation(school=school),
    }
