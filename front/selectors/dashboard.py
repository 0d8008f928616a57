"""Reads for the facilitator dashboard and the leader overview.

Every function runs a fixed number of queries whatever the number of projects, tasks or pupils
(tests/front/test_dashboard.py counts them for 5 and 200 projects): what a card needs about the
viewer or an open proposal comes in as annotations, never as a query per card. The page's lists load
only the columns they show (`only()`): building and reading every column of each model cost more
than running the queries (issue 9).
"""

from datetime import date, datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.utils import timezone

from coproschool.links import url_for_pk
from evaluation.figures import Period, pupils_not_involved
from people.models import Membership, Role, School
from people.selectors import display_name_fields
from projects.models import (
    OPEN_TASK_STATUSES,
    Adoption,
    Decision,
    DecisionStatus,
    Project,
    ProjectMembership,
    ProjectRole,
    ReportStatus,
    Session,
    Stage,
    StageProposal,
    Task,
)
from projects.selectors.decisions import open_decisions, open_now
from projects.selectors.moderation import moderation_queue
from projects.selectors.subqueries import open_proposal

# Stages shown as board columns; completed projects are counted, not drawn.
BOARD_STAGES = [stage for stage in Stage if stage != Stage.COMPLETED]
BOARD_CARDS_PER_STAGE = 12
DECISIONS_CLOSING_WITHIN = timedelta(days=3)
LIST_LIMIT = 10


# The open stage proposal of each card's project. A proposal always has a proposer: `proposal_by_id`
# is set exactly when one is open. Members and facilitators are counted on the row (projects.counters).
CARD_FACTS = {"proposal_by_id": open_proposal("proposed_by_id"), "proposal_to": open_proposal("to_stage")}
CARD_FIELDS = ("pk", "title", "stage", "member_count", "facilitator_count")


def board_cards(*, viewer: Membership) -> list[dict]:
    """The school's projects not yet completed as cards (plain dicts: pk, title, stage, counts, the
    open proposal), each with the viewer's role, read live on every request."""
    roles = dict(ProjectMembership.objects.filter(membership=viewer).values_list("project_id", "role"))
    return [{**card, "viewer_role": roles.get(card["pk"])} for card in school_cards(viewer.school_id)]


def school_cards(school_id: int) -> list[dict]:
    """The school's projects not yet completed, as the board's cards, whoever looks."""
    projects = Project.objects.filter(school=school_id).exclude(stage=Stage.COMPLETED).annotate(**CARD_FACTS)
    return list(projects.order_by("-updated_at", "-pk").values(*CARD_FIELDS, *CARD_FACTS))


def board_columns(cards: list[dict], viewer: Membership) -> list[dict]:
    """Columns in stage order. Each card says which move, if any, the viewer can make from here,
    and carries its links."""
    by_stage = {stage: [] for stage in BOARD_STAGES}
    for card in cards:
        by_stage[card["stage"]].append(card)
    columns = []
    for stage, in_stage in by_stage.items():
        # The viewer's own projects first (a stable sort keeps the most recently active next): a
        # column shows what they act on, and links to the full list instead of rendering hundreds.
        in_stage.sort(key=lambda card: card["viewer_role"] is None)
        shown = in_stage[:BOARD_CARDS_PER_STAGE]
        for card in shown:
            card["url"] = url_for_pk("projects:project_detail", card["pk"])
            card["move"] = _move(card, stage, viewer)
            if card["move"]:
                card["move"]["url"] = url_for_pk("projects:dashboard_move", card["pk"])
        columns.append({"stage": stage, "projects": shown, "total": len(in_stage)})
    return columns


def _move(card: dict, stage: Stage, viewer: Membership) -> dict | None:
    if card["viewer_role"] not in (ProjectRole.LEAD, ProjectRole.FACILITATOR):
        return None
    if card["proposal_by_id"] and card["proposal_by_id"] != viewer.pk:
        return {"action": "confirm", "to": Stage(card["proposal_to"])}
    if card["proposal_by_id"]:
        return {"action": "waiting", "to": Stage(card["proposal_to"])}
    return {"action": "propose", "to": stage.next}


def stage_counts(*, school: School) -> dict[str, int]:
    """How many projects stand in each stage (completed included)."""
    counts = dict(Project.objects.filter(school=school).values_list("stage").annotate(n=Count("pk")).order_by())
    return {stage: counts.get(stage, 0) for stage in Stage}


def proposals_waiting_for(viewer: Membership) -> QuerySet[StageProposal]:
    """Open stage moves proposed by the other side of a project the viewer runs: theirs to confirm."""
    runs = ProjectMembership.objects.filter(
        membership=viewer, role__in=[ProjectRole.LEAD, ProjectRole.FACILITATOR]
    ).values("project")
    return (
        StageProposal.objects.filter(project__school=viewer.school, project__in=runs, status=StageProposal.Status.OPEN)
        .exclude(proposed_by=viewer)
        .select_related("project", "proposed_by__user")
        .only("to_stage", "project__title", *display_name_fields("proposed_by__user"))
        .order_by("created_at")
    )


def overdue_tasks(*, school: School, today: date) -> QuerySet[Task]:
    return (
        Task.objects.filter(project__school=school, status__in=OPEN_TASK_STATUSES, due_on__lt=today)
        .select_related("project")
        .only("title", "due_on", "project__title")
        .order_by("due_on", "pk")
    )


def decisions_closing_soon(*, school: School, now: datetime) -> list[Decision]:
    closing = open_now(open_decisions(school.pk), now)
    return [decision for decision in closing if decision.closes_at <= now + DECISIONS_CLOSING_WITHIN]


def adoptions_waiting(*, school: School) -> QuerySet[Decision]:
    """Closed decisions leadership has not answered yet (adopt, or say why not)."""
    return (
        Decision.objects.filter(project__school=school, status=DecisionStatus.CLOSED, adoption=Adoption.PENDING)
        .select_related("project")
        .order_by("closed_at", "pk")
    )


def upcoming_sessions(*, school: School, today: date) -> QuerySet[Session]:
    return (
        Session.objects.filter(project__school=school, held_on__gte=today)
        .select_related("project")
        .only("held_on", "place", "project__title")
        .order_by("held_on", "pk")
    )


def uninvolved_pupils_page(
    *, school: School, period: Period, year_group: int | None, form: str, number: str | None, per_page: int
) -> Page:
    """One page of the pupils not involved in the period (evaluation.figures: the same as every page's)."""
    pupils = pupils_not_involved(school=school, period=period, year_group=year_group, form=form)
    return Paginator(pupils, per_page).get_page(number)


def pupil_forms(*, school: School) -> list[tuple[int, str]]:
    """The (year group, form) pairs of the school's active pupils, for the filter."""
    return list(
        Membership.objects.filter(school=school, role=Role.PUPIL, is_active=True)
        .exclude(form="")
        .values_list("year_group", "form")
        .distinct()
        .order_by("year_group", "form")
    )


def needs_you(*, viewer: Membership) -> dict:
    """What waits for this member of staff now, each list capped (with its full count)."""
    now = timezone.now()
    today = timezone.localdate()
    proposals = list(proposals_waiting_for(viewer))
    # Each listed task carries the count of all of them (a window over the whole result): no second query.
    tasks = overdue_tasks(school=viewer.school, today=today).annotate(overdue_count=Window(Count("pk")))
    tasks = list(tasks[:LIST_LIMIT])
    decisions = decisions_closing_soon(school=viewer.school, now=now)[:LIST_LIMIT]
    return {
        "proposals": proposals,
        "moderation_count": moderation_queue(staff=viewer).filter(status=ReportStatus.OPEN).count(),
        "overdue_tasks": tasks,
        "overdue_count": tasks[0].overdue_count if tasks else 0,
        "decisions_closing": decisions,
        "today": today,
    }
