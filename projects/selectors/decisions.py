"""Reads for co-decide: decisions, their published results and turnout. Never a ballot with a voter."""

from collections import Counter
from datetime import datetime

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from people.models import Membership, Role
from projects.models import Decision, DecisionStatus, Idea, Project, ProjectMembership, VoterRecord
from projects.selectors.projects import MEMBERS_PREFETCH
from projects.voting import registry

OPTIONS_PREFETCH = Prefetch("options", queryset=Idea.objects.order_by("pk"))


def decision_get(*, viewer: Membership, pk: int) -> Decision:
    """A decision of the viewer's school with its project (members prefetched) and options. Raises DoesNotExist.

    No voter count: grouping the decision, its project and leadership's user by it cost more than
    the page's other queries together (bench, issue 9); `has_voters` asks when it matters.
    """
    return (
        Decision.objects.filter(project__school=viewer.school)
        .select_related("project", "adoption_by__user")
        .prefetch_related(OPTIONS_PREFETCH, Prefetch("project__memberships", queryset=MEMBERS_PREFETCH.queryset))
        .get(pk=pk)
    )


def has_voters(decision: Decision) -> bool:
    return VoterRecord.objects.filter(decision=decision).exists()


def decisions_for_project(project: Project) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(project=project)
        .select_related("adoption_by__user")
        .prefetch_related(OPTIONS_PREFETCH)
        .order_by("-opens_at", "-pk")
    )


def eligible_voters(decision: Decision) -> QuerySet[Membership]:
    """The whole electorate (`Decision.electorate_q`); whether one person may vote is `Decision.admits`."""
    return Membership.objects.filter(decision.electorate_q()).distinct()


def voted(decision: Decision, membership: Membership) -> bool:
    return VoterRecord.objects.filter(decision=decision, membership=membership).exists()


def result_view(decision: Decision) -> dict | None:
    """The published result shaped by its method for the method's partial; None until the decision closes.

    Adds what every result partial shows around the count: the method's explanation and template.
    """
    if decision.status != DecisionStatus.CLOSED or not decision.result:
        return None
    method = registry.get(decision.result["method"])
    ideas = {idea.pk: idea for idea in decision.options.all()}
    return {
        "method": method.key,
        "ballots": decision.result["ballots"],
        "explanation": method.explanation,
        "template": method.result_template,
        **method.present(decision.result, ideas),
    }


def _group(role: str, year_group: int | None) -> str:
    if role == Role.PUPIL:
        return f"Year {year_group} pupils"
    return {Role.STAFF: "Staff", Role.LEADER: "Staff", Role.PARENT: "Parents"}.get(role, role)


def turnout(decision: Decision) -> dict:
    """Eligible and voted counts by group (year group for pupils, else role), from VoterRecord only."""
    eligible = Counter()
    for row in eligible_voters(decision).values("role", "year_group").annotate(n=Count("pk", distinct=True)):
        eligible[_group(row["role"], row["year_group"])] += row["n"]
    voted_counts = Counter()
    records = VoterRecord.objects.filter(decision=decision).values("membership__role", "membership__year_group")
    for row in records.annotate(n=Count("pk")):
        voted_counts[_group(row["membership__role"], row["membership__year_group"])] += row["n"]
    groups = [
        {"group": name, "eligible": eligible[name], "voted": voted_counts[name]}
        for name in sorted(set(eligible) | set(voted_counts))
    ]
    return {
        "groups": groups,
        "eligible": sum(eligible.values()),
        "voted": sum(voted_counts.values()),
    }


def turnout_rows(decision: Decision) -> QuerySet[Membership]:
    """Everyone eligible, with whether (and on which day) they voted: for reminders, never choices."""
    voted_on = VoterRecord.objects.filter(decision=decision, membership=OuterRef("pk")).values("voted_on")[:1]
    return (
        eligible_voters(decision)
        .select_related("user")
        .annotate(voted_on=Subquery(voted_on))
        .order_by("role", "year_group", "user__last_name", "user__first_name", "pk")
    )


def latest_decision(project: Project) -> Decision | None:
    """The project's most recent decision, for the project page (result and adoption next to it).

    Without the voter count or the options: the page shows neither, and `result_view` loads the
    options only for a closed decision.
    """
    decisions = Decision.objects.filter(project=project).select_related("adoption_by__user")
    return decisions.order_by("-opens_at", "-pk").first()


def open_decisions(school_id: int) -> list[Decision]:
    """The school's open decisions, closing soonest first, with what their lists show. Whether one
    is open *now* (`opens_at`, `closes_at`) is for the caller to check."""
    decisions = (
        Decision.objects.filter(project__school=school_id, status=DecisionStatus.OPEN, closes_at__gt=timezone.now())
        .select_related("project")
        .only(
            "title",
            "opens_at",
            "closes_at",
            "electorate_project_members",
            "electorate_year_groups",
            "electorate_roles",
            "voter_count",
            "project__title",
            "project__school",
        )
        .order_by("closes_at", "pk")
    )
    return list(decisions)


def open_now(decisions: list[Decision], now: datetime) -> list[Decision]:
    return [decision for decision in decisions if decision.opens_at <= now < decision.closes_at]


def votes_waiting_for(membership: Membership, *, project_ids: set[int] | None = None) -> list[Decision]:
    """Open decisions this person may vote in and has not voted in yet, closing soonest first: the
    "Votes for you" page lists them all, the pupil home the first few. `project_ids`, the projects
    they belong to, saves a query where the caller has them already."""
    decisions = open_now(open_decisions(membership.school_id), timezone.now())
    if not decisions:
        return []
    voted = set(
        VoterRecord.objects.filter(membership=membership, decision__in=decisions).values_list("decision", flat=True)
    )
    if project_ids is None:
        project_ids = set(ProjectMembership.objects.filter(membership=membership).values_list("project", flat=True))
    # The electorate is JSON lists, which SQLite cannot search: checked here, on the loaded rows.
    return [
        decision
        for decision in decisions
        if decision.pk not in voted and decision.admits(membership, in_project=decision.project_id in project_ids)
    ]
