"""The project report: everything `/reports/projects/<pk>/` shows, in a fixed number of queries.

`project_report(project=...)` returns a dict that the printable partial
`evaluation/reports/_project_report_body.html` renders as `report` (the page, the signed copy and
the PDF all use it). `report_figures(report)` is the JSON-ready subset kept with a sign-off.

Privacy: survey figures come from `evaluation.results` and `evaluation.stats`, so small groups are
already suppressed; written answers are listed only from anonymous surveys and never with a name
(a named survey's answers stay on its own results page, for staff); reflections are shown as the
group's voice, without names, and hidden reflections and ideas are left out.
"""

from collections import Counter

from django.db.models import Count, Q, prefetch_related_objects
from django.utils import timezone

from evaluation.models import Answer, Pairing, Reflection, ReflectionKind, Survey
from evaluation.results import prepost_changes_many, prepost_chart_for
from evaluation.stats import change_shown, is_suppressed, shown
from projects.models import (
    Adoption,
    AttendanceStatus,
    Decision,
    Project,
    ProjectRole,
    Session,
    StageTransition,
    Task,
    TaskStatus,
)
from projects.selectors.decisions import OPTIONS_PREFETCH, result_view
from projects.selectors.projects import MEMBERS_PREFETCH, attach_people

HIDDEN_IDEA = "An idea hidden by moderation"


def winner_title(idea) -> str:
    """A chosen idea's title as reports show it; a hidden (or since removed) idea is not named."""
    return HIDDEN_IDEA if idea is None or idea.is_hidden else idea.title


def project_report(*, project: Project) -> dict:
    """The project report as plain data, in a constant number of queries whatever the number of
    members, sessions, tasks, decisions, survey pairs, answers or reflections."""
    surveys = list(Survey.objects.filter(project=project).select_related("twin").order_by("created_at", "pk"))
    return {
        "project": {
            "pk": project.pk,
            "title": project.title,
            "summary": project.summary,
            "stage": project.get_stage_display(),
        },
        "school_name": project.school.name,
        "generated_at": timezone.now(),
        "timeline": _timeline(project),
        "participation": _participation(project),
        "decisions": _decisions(project),
        "delivery": _delivery(project),
        "prepost": _prepost(surveys),
        "free_text": _free_text(surveys),
        "reflections": _reflections(project),
    }


def _timeline(project: Project) -> list[dict]:
    transitions = list(StageTransition.objects.filter(project=project))
    attach_people(project, transitions, ("actor", "proposed_by"))
    return [
        {
            "from": move.get_from_stage_display(),
            "to": move.get_to_stage_display(),
            # Both sides of a proposed move: the proposer (often a pupil lead) and who confirmed it.
            "proposed_by": move.proposed_by.user.display_name if move.proposed_by else "",
            "who": move.actor.user.display_name if move.actor else "someone who has left",
            "when": move.created_at,
            "reason": move.reason,
            "override": move.is_override,
        }
        for move in transitions
    ]


def _participation(project: Project) -> dict:
    prefetch_related_objects([project], MEMBERS_PREFETCH)  # a no-op for a project from `project_get`
    members = [(pm.role, pm.membership.year_group) for pm in project.memberships.all()]
    roles = Counter(role for role, _ in members)
    years = Counter(year for _, year in members if year is not None)
    present = Q(attendance__status=AttendanceStatus.PRESENT)
    sessions = Session.objects.filter(project=project).aggregate(
        held=Count("pk", distinct=True),
        present=Count("attendance", filter=present),
        people=Count("attendance__membership", filter=present, distinct=True),
    )
    average = sessions["present"] / sessions["held"] if sessions["held"] else None
    return {
        "members": len(members),
        "by_role": [{"label": role.label, "count": roles[role]} for role in ProjectRole],
        "by_year": [{"label": f"Year {year}", "count": years[year]} for year in sorted(years)],
        "sessions_held": sessions["held"],
        "attendances": sessions["present"],
        "attended_any": sessions["people"],
        "average_present": "none" if average is None else f"{average:.1f}",
    }


def _decisions(project: Project) -> list[dict]:
    rows = []
    # Not `decisions_for_project`: the report never names who answered for leadership.
    decisions = Decision.objects.filter(project=project).prefetch_related(OPTIONS_PREFETCH).order_by("opens_at", "pk")
    for decision in decisions:
        result = result_view(decision)
        winners = [winner_title(idea) for idea in (result or {}).get("winners", [])]
        rows.append(
            {
                "title": decision.title,
                "method": decision.get_method_display(),
                "closed": decision.is_closed,
                "voters": decision.voter_count,
                "ballots": result["ballots"] if result else None,
                "winners": winners,
                "adoption": decision.get_adoption_display(),
                "adopted": decision.adoption == Adoption.ADOPTED,
                "adoption_reason": decision.adoption_reason,
            }
        )
    return rows


def _delivery(project: Project) -> dict:
    tasks = list(Task.objects.filter(project=project).order_by("pk").values("title", "status", "deferred_reason"))
    counts = Counter(task["status"] for task in tasks)
    return {
        "total": len(tasks),
        "done": counts[TaskStatus.DONE],
        "deferred": counts[TaskStatus.DEFERRED],
        "open": counts[TaskStatus.TODO] + counts[TaskStatus.DOING],
        "done_tasks": [task["title"] for task in tasks if task["status"] == TaskStatus.DONE],
        "deferred_tasks": [
            {"title": task["title"], "reason": task["deferred_reason"]}
            for task in tasks
            if task["status"] == TaskStatus.DEFERRED
        ],
    }


def _prepost(surveys: list[Survey]) -> list[dict]:
    pairs = [survey for survey in surveys if survey.pairing == Pairing.BEFORE and survey.twin_id is not None]
    changes_by_before = prepost_changes_many(befores=pairs)
    sections = []
    for before in pairs:
        changes = changes_by_before.get(before.pk, [])
        sections.append(
            {
                "title": before.title,
                "after_title": before.twin.title,
                "anonymous": before.anonymous and before.twin.anonymous,
                "rows": [{"question": question.text, **change_shown(change)} for question, change in changes],
                "chart": prepost_chart_for(before=before, changes=changes),
            }
        )
    return sections


def _free_text(surveys: list[Survey]) -> list[dict]:
    """Written answers to the project's anonymous surveys, per question. As on a survey's results
    page, a question's answers are listed only when at least 5 people wrote one, and in the order
    of their random keys, which says nothing about who answered when."""
    anonymous = [survey.pk for survey in surveys if survey.anonymous]
    if not anonymous:
        return []
    answers = (
        Answer.objects.filter(question__survey__in=anonymous, held=False)
        .exclude(text="")
        .order_by("question__survey__created_at", "question__survey_id", "question__order", "pk")
        .values_list("question_id", "question__survey__title", "question__text", "text")
    )
    questions: dict[int, dict] = {}
    for question_id, survey_title, question_text, text in answers:
        entry = questions.setdefault(question_id, {"survey": survey_title, "question": question_text, "answers": []})
        entry["answers"].append(text)
    for entry in questions.values():
        count = len(entry["answers"])
        entry["answered"] = shown(count, count)
        entry["suppressed"] = is_suppressed(count)
        if entry["suppressed"]:
            entry["answers"] = []
    return list(questions.values())


def _reflections(project: Project) -> list[dict]:
    texts: dict[str, list[str]] = {kind: [] for kind in ReflectionKind}
    visible = Reflection.objects.filter(project=project, hidden_at__isnull=True).order_by("created_at", "pk")
    for kind, text in visible.values_list("kind", "text"):
        texts[kind].append(text)
    return [{"kind": kind.value, "label": kind.label, "texts": texts[kind]} for kind in ReflectionKind]


def report_figures(report: dict) -> dict:
    """The figures of a report as JSON-ready data (suppression already applied), kept with a sign-off."""
    return {
        "participation": dict(report["participation"]),
        "decisions": [
            {key: row[key] for key in ("title", "voters", "ballots", "winners", "adoption", "adoption_reason")}
            for row in report["decisions"]
        ],
        "delivery": {key: report["delivery"][key] for key in ("total", "done", "deferred", "open")},
        "prepost": [{"survey": section["title"], "rows": section["rows"]} for section in report["prepost"]],
        "reflections": {section["kind"]: len(section["texts"]) for section in report["reflections"]},
    }
