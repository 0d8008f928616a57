"""What each person's home page shows. Each function runs a fixed number of queries.

They gather the other selectors' reads (tasks, goals, surveys, needs, the dashboard's counts) for
one person, rather than query again: a home page is a summary of pages that already exist. Where a
page's read loads more than the summary shows (the needs list's authors, goals_for's parent checks
for a pupil's own goals), the home reads less (bench, issue 9).
"""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from evaluation.figures import participation, this_term
from evaluation.invitations.selectors import open_invitations_for
from evaluation.models import ExportStatus, ReportExport, ReportKind
from evaluation.selectors import surveys_to_answer
from front.selectors.dashboard import adoptions_waiting, stage_counts
from people.models import Membership
from people.rules import may_take_part
from people.selectors import display_name_fields, parent_children_links
from people.setup.selectors import school_setup_checklist
from projects.models import Charter, Goal, Project, ProjectMembership, Stage
from projects.selectors.answering import needs_overdue_for
from projects.selectors.decisions import votes_waiting_for
from projects.selectors.delivery import goals_for, link_shares_activity, tasks_for_member
from projects.selectors.needs import needs_to_back
from projects.selectors.next_step import next_step

NEEDS_TO_BACK = 5
# Projects whose next step a home works out: the most recently active one. Each step reads its
# project's gate, proposal and ballots (a few queries), and a home runs the same number of queries
# however many projects a person is in (tests/test_query_counts.py); the others link to their page.
NEXT_STEPS_ON_HOME = 1
# A school term is about fourteen weeks: a charter older than that is for leadership to read again.
CHARTER_REVIEW_AFTER = timedelta(weeks=14)
# The votes closing soonest; the rest are one click away on "Votes for you" (projects:votes_waiting).
VOTES_ON_HOME = 5
# Overdue answers to needs on a staff or leader home: the first few, with a link to all of them.
NEEDS_OVERDUE_SHOWN = 5


def _project_places(members) -> QuerySet[ProjectMembership]:
    """Project places of these people, newest activity first."""
    return (
        ProjectMembership.objects.filter(membership__in=members)
        .select_related("project")
        .order_by("-project__updated_at", "pk")
    )


def _with_next_steps(places: list[ProjectMembership], viewer: Membership) -> list[ProjectMembership]:
    """Each place with `next_step`, worked out for the most recently active projects only: each
    reads its gate, and a home stays a fixed number of queries. The others show theirs on their page."""
    for pm in places[:NEXT_STEPS_ON_HOME]:
        pm.next_step = next_step(viewer=viewer, project=pm.project)
    return places


def pupil_home(pupil: Membership) -> dict:
    projects = _with_next_steps(list(_project_places([pupil])), pupil)
    # The rule projects.propose_goal, read from rows already loaded: each place is the pupil's own, and
    # consent is cached on the membership (a test_rule per project would load its roles again).
    can_propose = may_take_part(pupil)
    for pm in projects:
        pm.can_propose_goal = can_propose
    votes = votes_waiting_for(pupil, project_ids={pm.project_id for pm in projects})
    return {
        "my_projects": projects,
        "my_tasks": tasks_for_member(pupil),
        "votes": votes[:VOTES_ON_HOME],
        "votes_count": len(votes),
        "surveys": surveys_to_answer(pupil),
        "invitations": open_invitations_for(pupil),
        "needs_to_back": needs_to_back(viewer=pupil, limit=NEEDS_TO_BACK),
        # Their own goals: goals_for's school and parent checks cannot narrow these, only slow them.
        "goals": Goal.objects.filter(pupil=pupil, met_on__isnull=True)
        .select_related("staff__user")
        .only("goal", "status", "met_on", *display_name_fields("staff__user")),
        "today": timezone.localdate(),
    }


def parent_home(parent: Membership) -> dict:
    links = list(parent_children_links(parent=parent))
    # Consent given is what lets a parent follow the child's projects, goals and portfolio.
    children = [link.pupil for link in links if link_shares_activity(link)]
    return {
        "children_links": links,
        # Whose activity is hidden from this parent: the empty lists must not claim it does not exist.
        "children_hidden": [link.pupil for link in links if not link_shares_activity(link)],
        "children_shared": {child.pk for child in children},
        "children_projects": _project_places(children).select_related("membership__user"),
        "children_goals": goals_for(parent).filter(pupil__in=children),
        "surveys": surveys_to_answer(parent),
    }


def staff_home(staff: Membership) -> dict:
    places = _project_places([staff]).exclude(project__stage=Stage.COMPLETED)
    return {
        "my_projects": _with_next_steps(list(places), staff),
        "needs_overdue": list(needs_overdue_for(member=staff)[:NEEDS_OVERDUE_SHOWN]),
    }


def reports_to_sign_off(*, school) -> QuerySet[Project]:
    """Projects in co-evaluate whose report no leader has signed off: what holds their completion."""
    return (
        Project.objects.filter(school=school, stage=Stage.CO_EVALUATE, report_sign_off__isnull=True)
        .only("title")
        .order_by("updated_at", "pk")
    )


def leader_home(leader: Membership) -> dict:
    school = leader.school
    counts = stage_counts(school=school)
    charter = Charter.objects.filter(school=school).first()
    setup = school_setup_checklist(school=school)
    return {
        "setup_steps_left": [item for item in setup if not item.done],
        "setup_steps": len(setup),
        "charter": charter,
        "charter_due_for_review": charter is not None and charter.updated_at < timezone.now() - CHARTER_REVIEW_AFTER,
        "reports_to_sign_off": reports_to_sign_off(school=school),
        "stage_counts": [(stage, counts[stage]) for stage in Stage],
        "adoptions": adoptions_waiting(school=school),
        "latest_school_report": ReportExport.objects.filter(
            school=school, kind=ReportKind.SCHOOL, status=ExportStatus.DONE
        )
        .order_by("-finished_at", "-pk")
        .first(),
        "participation": participation(school=school, period=this_term(timezone.localdate())),
        "needs_overdue": list(needs_overdue_for(member=leader)[:NEEDS_OVERDUE_SHOWN]),
    }
