"""The school report: how widely pupils took part in a period, who was not heard, what pupils
decided and whether leadership adopted it, how projects moved, and what changed for pupils.

`school_report(school=..., start=..., end=..., audience=...)` returns plain data that the printable
partial `evaluation/reports/_school_report_body.html` renders as `report` (the page and the PDF), and
that `school_csv.school_report_csv_rows` turns into a CSV. Every group figure has already been through
small-number suppression (`evaluation.stats`): a count or share about fewer than 5 pupils reads
"fewer than 5", in every output alike.

Queries: a fixed number whatever the size of the school (the counting is done by the database:
one grouped query over pupils with a subquery per kind of contribution).

Caching: the page keeps what it shows for at most `REPORT_SECONDS` and says "figures as of 10:42",
with a button that computes them again (`school_report_page`). It is not renewed by the writes it
counts: those are the busiest (backings, ballots, answers), so a report renewed by them is empty
exactly while pupils take part (issue 16 measured the page's p50 at 410 ms then, 17 ms when read
from the cache). Hiding content renews it at once (`coproschool.hidden_content`): a hidden idea's
title never stays on the page. Exports and the CSV compute the report afresh (`school_report`).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, Exists, F, Max, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from coproschool.hidden_content import hidden_content_version
from evaluation.charts import ShareRow, share_chart
from evaluation.figures import (
    KINDS,
    Period,
    bounds,
    contributions,
    period_between,
    pupils_not_involved,
    pupils_of,
    took_part,
)
from evaluation.models import Pairing, Survey, SurveyCompletion
from evaluation.reports.project import winner_title
from evaluation.reports.reach import reach_figures
from evaluation.results import prepost_changes_many, prepost_chart_for
from evaluation.stats import SUPPRESSED_TEXT, change_shown, is_suppressed, shown
from people.models import Membership, Role, School
from projects.models import (
    Adoption,
    Decision,
    DecisionStatus,
    Project,
    Stage,
    StageTransition,
)
from projects.selectors.answering import (
    needs_answered_in_time_share,
    needs_median_days_to_answer,
    pupil_backed_decisions_adopted_share,
)
from projects.selectors.decisions import result_view

BODY_TEMPLATE = "evaluation/reports/_school_report_body.html"


class Audience:
    """Staff see the names of pupils not heard (to reach them); leaders see counts only."""

    STAFF = "staff"
    LEADER = "leader"

    @staticmethod
    def of(membership: Membership) -> str:
        return Audience.LEADER if membership.role == Role.LEADER else Audience.STAFF


def unheard_pupils(*, school: School, start: date, end: date) -> QuerySet[Membership]:
    """Pupils with no contribution of any kind in the period (for staff, to reach them; never shown
    to leaders, who get counts): the "not involved" of every page, for these dates."""
    return pupils_not_involved(school=school, period=_period(start, end))


def _period(start: date, end: date) -> Period:
    return period_between(start, end, today=timezone.localdate())


# --- participation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """How many pupils of a group did something, as it may be shown."""

    count: str
    percent: str

    def __str__(self) -> str:
        return self.count if self.count == SUPPRESSED_TEXT else f"{self.percent} ({self.count})"


@dataclass(frozen=True)
class GroupRow:
    label: str
    pupils: str
    cells: list[Cell]  # one per KINDS
    heard: Cell
    unheard: Cell


def _cell(count: int, total: int) -> Cell:
    if is_suppressed(total) or is_suppressed(count):
        return Cell(SUPPRESSED_TEXT, SUPPRESSED_TEXT)
    return Cell(str(count), f"{round(100 * count / total)}%")


def _row(label: str, counts: dict[str, int]) -> GroupRow:
    total = counts["pupils"]
    return GroupRow(
        label=label,
        pupils=shown(total, total),
        cells=[_cell(counts[kind], total) for kind, _ in KINDS],
        heard=_cell(counts["heard"], total),
        unheard=_cell(total - counts["heard"], total),
    )


def _add(into: dict[str, int], counts: dict) -> None:
    for key in ("pupils", "heard", *(kind for kind, _ in KINDS)):
        into[key] = into.get(key, 0) + counts[key]


def _participation(*, school: School, start: date, end: date) -> dict:
    """One grouped query: per (year group, form), the pupils and how many contributed each way."""
    conditions = contributions(school=school, period=_period(start, end))
    groups = list(
        pupils_of(school)
        .values("year_group", "form")
        .annotate(
            pupils=Count("pk"),
            heard=Count("pk", filter=took_part(conditions)),
            **{kind: Count("pk", filter=condition) for kind, condition in conditions.items()},
        )
        .order_by("year_group", "form")
    )
    school_counts: dict[str, int] = {}
    by_year: dict[int, dict[str, int]] = {}
    by_form: dict[str, dict[str, int]] = {}
    for group in groups:
        _add(school_counts, group)
        _add(by_year.setdefault(group["year_group"], {}), group)
        _add(by_form.setdefault(group["form"], {}), group)
    if not school_counts:
        school_counts = {"pupils": 0, "heard": 0, **{kind: 0 for kind, _ in KINDS}}
    total = school_counts["pupils"]
    chart = share_chart(
        chart_id="participation",
        title="Share of pupils who took part, by way of taking part",
        rows=[ShareRow(label, school_counts[kind], total) for kind, label in KINDS]
        + [ShareRow("Any of these", school_counts["heard"], total)],
    )
    return {
        "whole_school": [_row("Whole school", school_counts)],
        "by_year": [_row(f"Year {year}", counts) for year, counts in sorted(by_year.items())],
        "by_form": [_row(form or "No form", counts) for form, counts in sorted(by_form.items())],
        "chart": chart,
        "unheard_total": shown(total - school_counts["heard"], total - school_counts["heard"]),
        "unheard_count": total - school_counts["heard"],
    }


# --- power sharing -------------------------------------------------------------------------------


def _decisions(*, school: School, start: date, end: date) -> dict:
    """Decisions put to a vote that closed in the period, what was chosen and what leadership did."""
    since, until = bounds(start, end)
    decisions = (
        Decision.objects.filter(
            project__school=school, status=DecisionStatus.CLOSED, closed_at__gte=since, closed_at__lt=until
        )
        .select_related("project")
        .prefetch_related("options")
        .order_by("closed_at", "pk")
    )
    rows = []
    tally = {Adoption.ADOPTED: 0, Adoption.NOT_ADOPTED: 0, Adoption.PENDING: 0}
    for decision in decisions:
        result = result_view(decision) or {"ballots": 0, "winners": []}
        tally[decision.adoption] += 1
        rows.append(
            {
                "title": decision.title,
                "project": decision.project.title,
                "method": decision.get_method_display(),
                "closed_on": timezone.localdate(decision.closed_at),
                "ballots": shown(result["ballots"], result["ballots"]),
                "chosen": ", ".join(winner_title(idea) for idea in result["winners"] if idea) or "nothing chosen",
                "adoption": decision.get_adoption_display(),
                "adopted": decision.adoption == Adoption.ADOPTED,
                "reason": decision.adoption_reason,
            }
        )
    return {
        "rows": rows,
        "adopted": tally[Adoption.ADOPTED],
        "not_adopted": tally[Adoption.NOT_ADOPTED],
        "pending": tally[Adoption.PENDING],
    }


# --- projects and their pace ---------------------------------------------------------------------


def _days(delta: timedelta) -> float:
    return delta.total_seconds() / 86400


def _mean(values: list[float]) -> str:
    return f"{sum(values) / len(values):.1f}" if values else "none"


def _stages(*, school: School, start: date, end: date) -> list[dict]:
    """Per stage: projects in it now and for how long on average, and how many days stays in it
    lasted when they ended in the period (from StageTransition: a stay ends with a move out)."""
    since, until = bounds(start, end)
    projects = list(
        Project.objects.filter(school=school)
        .annotate(entered=Coalesce(Max("transitions__created_at"), F("created_at")))
        .values_list("pk", "stage", "entered", "created_at")
    )
    created = {pk: created_at for pk, _stage, _entered, created_at in projects}
    moves = StageTransition.objects.filter(project__school=school).order_by("project_id", "created_at", "pk")
    stays: dict[str, list[float]] = {stage: [] for stage in Stage}
    previous: dict[int, datetime] = {}
    for project_id, from_stage, moved_at in moves.values_list("project_id", "from_stage", "created_at"):
        entered = previous.get(project_id, created.get(project_id, moved_at))
        previous[project_id] = moved_at
        if since <= moved_at < until:
            stays[from_stage].append(_days(moved_at - entered))
    now = timezone.now()
    current: dict[str, list[float]] = {stage: [] for stage in Stage}
    for _pk, stage, entered, _created in projects:
        current[stage].append(_days(now - entered))
    return [
        {
            "stage": stage.label,
            "projects": len(current[stage]),
            "days_so_far": _mean(current[stage]) if stage != Stage.COMPLETED else "",
            "stays_ended": len(stays[stage]),
            "mean_days": _mean(stays[stage]),
        }
        for stage in Stage
    ]


# --- before and after ----------------------------------------------------------------------------


def _prepost(*, school: School, start: date, end: date) -> list[dict]:
    """Before/after pairs whose "after" survey was answered in the period, with each question's
    change (suppressed) and the chart. Three queries whatever the number of pairs."""
    answered = SurveyCompletion.objects.filter(survey=OuterRef("twin"), completed_on__range=(start, end))
    befores = list(
        Survey.objects.filter(school=school, pairing=Pairing.BEFORE, twin__isnull=False)
        .filter(Exists(answered))
        .select_related("twin", "project")
        .order_by("title", "pk")
    )
    changes = prepost_changes_many(befores=befores)
    pairs = []
    for before in befores:
        pair_changes = changes.get(before.pk, [])
        figures = [(question.text, change_shown(change)) for question, change in pair_changes]
        shown_changes = [change for _question, change in pair_changes if not change.suppressed]
        pairs.append(
            {
                "project": before.project.title if before.project else "No project",
                "before": before.title,
                "after": before.twin.title,
                "rows": figures,
                "rose": sum(1 for change in shown_changes if (change.mean_change or 0) > 0),
                "fell": sum(1 for change in shown_changes if (change.mean_change or 0) < 0),
                "chart": prepost_chart_for(before=before, changes=pair_changes),
            }
        )
    return pairs


# --- the report --------------------------------------------------------------------------------

# How long the page may show figures computed earlier (it says when they were computed).
REPORT_SECONDS = 5 * 60


def school_report(*, school: School, start: date, end: date, audience: str) -> dict:
    """The school report for the period, computed now (exports, the CSV, and the page's cache)."""
    return _compute(school=school, start=start, end=end, audience=audience)


def school_report_page(*, school: School, start: date, end: date, audience: str, refresh: bool = False) -> dict:
    """The report as the page shows it, {"report", "body"} (the printable body rendered: rendering a
    big school's report costs several times more than reading it, bench issue 9), computed at most
    every `REPORT_SECONDS` unless `refresh`. Plain data only: names, numbers, titles, no person's row."""
    period = {"school": school, "start": start, "end": end, "audience": audience}
    key = f"school-report-page:{school.pk}:{hidden_content_version(school.pk)}:{start}:{end}:{audience}"
    page = None if refresh else cache.get(key)
    if page is None:
        report = school_report(**period)
        page = {"report": report, "body": render_to_string(BODY_TEMPLATE, {"report": report})}
        cache.set(key, page, REPORT_SECONDS)
    return {**page, "body": mark_safe(page["body"])}  # noqa: S308 -- our own template's output, escaped when rendered


def _compute(*, school: School, start: date, end: date, audience: str) -> dict:
    return {
        "school": school.name,
        "start": start,
        "end": end,
        "period_label": _period(start, end).label,
        "audience": audience,
        "generated_at": timezone.now(),
        "kinds": [label for _kind, label in KINDS],
        "participation": _participation(school=school, start=start, end=end),
        "decisions": _decisions(school=school, start=start, end=end),
        "stages": _stages(school=school, start=start, end=end),
        "prepost": _prepost(school=school, start=start, end=end),
        "need_answers": _need_answers(school=school, start=start, end=end),
        "reach": reach_figures(school=school, end=end),
    }


def _need_answers(*, school: School, start: date, end: date) -> dict:
    """Whether the school answers needs in time, how fast, and adopts what pupils back (issue 21, item 7)."""
    median = needs_median_days_to_answer(school=school, start=start, end=end)
    return {
        "in_time": needs_answered_in_time_share(school=school, start=start, end=end),
        "median_days": None if median is None else f"{median:g}",
        "pupil_backed": pupil_backed_decisions_adopted_share(school=school, start=start, end=end),
    }
