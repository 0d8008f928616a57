"""The projects app's reminders (people.notifications.reminders), registered from ProjectsConfig.ready."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from people.models import Membership, NotificationKind, Role
from people.notifications.reminders import Reminder, day_name, local_day_range, reminder
from people.notifications.services import iso_week
from projects.models import (
    OPEN_TASK_STATUSES,
    Decision,
    DecisionStatus,
    Idea,
    IdeaComment,
    Need,
    Project,
    ProjectRole,
    Session,
    Stage,
    StageDeadline,
    Task,
    VoterRecord,
)
from projects.notification_kinds import TASK_DUE_TOMORROW
from projects.school_days import SchoolCalendar
from projects.selectors.answering import overdue_q
from projects.selectors.decisions import eligible_voters

STAGE_DEADLINE_NOTICE = timedelta(days=2)


@reminder("stage_deadline", kind=NotificationKind.STAGE_DEADLINE)
def stage_deadlines_soon(today: date) -> Iterable[Reminder]:
    """The deadline of a project's current stage is in two days: tell the project's members."""

    due_on = today + STAGE_DEADLINE_NOTICE
    deadlines = StageDeadline.objects.filter(due_on=due_on, stage=F("project__stage")).select_related("project")
    for deadline in deadlines:
        project = deadline.project
        yield Reminder(
            subject=deadline,
            recipients=Membership.objects.filter(project_memberships__project=project),
            period=due_on.isoformat(),
            title=f"{project.title}: {deadline.get_stage_display()} ends on {day_name(due_on)}",
            body=f"The {deadline.get_stage_display().lower()} stage of {project.title} is due to finish in two days.",
            url=reverse("projects:project_detail", args=[project.pk]),
        )


@reminder("vote_closing", kind=NotificationKind.VOTE_CLOSING)
def votes_closing_tomorrow(today: date) -> Iterable[Reminder]:
    """A vote closes tomorrow: tell the eligible people who have not voted yet."""

    tomorrow = today + timedelta(days=1)
    start, end = local_day_range(tomorrow)
    decisions = Decision.objects.filter(status=DecisionStatus.OPEN, closes_at__gte=start, closes_at__lt=end)
    for decision in decisions.select_related("project"):
        voted = VoterRecord.objects.filter(decision=decision).values("membership_id")
        yield Reminder(
            subject=decision,
            recipients=eligible_voters(decision).exclude(pk__in=voted),
            period=tomorrow.isoformat(),
            title=f"Vote closing tomorrow: {decision.title}",
            body=f"The vote in {decision.project.title} closes at {timezone.localtime(decision.closes_at):%H:%M} "
            "tomorrow. You have not voted yet.",
            url=reverse("projects:decision_detail", args=[decision.pk]),
        )


@reminder("session_tomorrow", kind=NotificationKind.SESSION_TOMORROW)
def sessions_tomorrow(today: date) -> Iterable[Reminder]:
    """A project session is tomorrow: tell the project's members."""

    tomorrow = today + timedelta(days=1)
    for session in Session.objects.filter(held_on=tomorrow, cancelled_at__isnull=True).select_related("project"):
        yield Reminder(
            subject=session,
            recipients=Membership.objects.filter(project_memberships__project=session.project_id),
            period=tomorrow.isoformat(),
            title=f"{session.project.title}: session tomorrow at {session.place}",
            body=session.agenda,
            url=session.get_absolute_url(),
        )


@reminder("task_due_tomorrow", kind=TASK_DUE_TOMORROW.key)
def tasks_due_tomorrow(today: date) -> Iterable[Reminder]:
    """An open task is due tomorrow: tell its owners, once per due date (a moved date is a new reminder)."""

    tomorrow = today + timedelta(days=1)
    due = Task.objects.filter(status__in=OPEN_TASK_STATUSES, due_on=tomorrow).select_related("project")
    for task in due:
        yield Reminder(
            subject=task,
            recipients=task.owners.all(),
            period=tomorrow.isoformat(),
            title=TASK_DUE_TOMORROW.title_for(task=task.title),
            body=f"This task in {task.project.title} is due on {day_name(tomorrow)}.",
            url=TASK_DUE_TOMORROW.link(task),
        )


@reminder("task_overdue", kind=NotificationKind.TASK_OVERDUE)
def tasks_overdue(today: date) -> Iterable[Reminder]:
    """An open task is past its due date: tell its owners and the project's facilitators, once per due date."""

    overdue = Task.objects.filter(status__in=OPEN_TASK_STATUSES, due_on__lt=today).select_related("project")
    for task in overdue:
        yield Reminder(
            subject=task,
            recipients=Membership.objects.filter(
                Q(tasks_owned=task)
                | Q(project_memberships__project=task.project_id, project_memberships__role=ProjectRole.FACILITATOR)
            ),
            period=task.due_on.isoformat(),
            title=f"Overdue: {task.title}",
            body=f"This task in {task.project.title} was due on {day_name(task.due_on)}.",
            url=reverse("projects:task_detail", args=[task.pk]),
        )


QUIET_FOR = timedelta(days=14)


@reminder("facilitator_digest", kind=NotificationKind.FACILITATOR_DIGEST)
def facilitator_weekly_digest(today: date) -> Iterable[Reminder]:
    """Monday summary per project for its facilitators: what moved, what is stuck, who has not been heard."""

    week_ago = local_day_range(today - timedelta(days=7))[0]
    quiet_since = local_day_range(today - QUIET_FOR)[0]
    projects = Project.objects.exclude(stage=Stage.COMPLETED).filter(
        memberships__role=ProjectRole.FACILITATOR, memberships__membership__is_active=True
    )
    for project in projects.distinct():
        moved = [
            f"Moved from {Stage(t.from_stage).label} to {Stage(t.to_stage).label}"
            for t in project.transitions.filter(created_at__gte=week_ago).order_by("created_at")
        ]
        stuck = [
            f"Overdue: {title}"
            for title in project.tasks.filter(status__in=OPEN_TASK_STATUSES, due_on__lt=today).values_list(
                "title", flat=True
            )
        ]
        if project.deadlines.filter(stage=project.stage, due_on__lt=today).exists():
            stuck.append(f"The {Stage(project.stage).label} stage is past its deadline")
        quiet = (
            Membership.objects.filter(project_memberships__project=project, role=Role.PUPIL, is_active=True)
            .exclude(pk__in=Idea.objects.filter(project=project, created_at__gte=quiet_since).values("authors"))
            .exclude(
                pk__in=IdeaComment.objects.filter(idea__project=project, created_at__gte=quiet_since).values("author")
            )
            .exclude(
                pk__in=VoterRecord.objects.filter(decision__project=project, voted_on__gte=quiet_since.date()).values(
                    "membership"
                )
            )
            .select_related("user")
        )
        quiet_names = [member.user.display_name for member in quiet]
        sections = [
            ("What moved", moved or ["Nothing moved this week."]),
            ("What is stuck", stuck or ["Nothing is overdue."]),
            (
                f"Not heard from in {QUIET_FOR.days} days (no idea, comment or vote)",
                quiet_names or ["Every pupil member took part."],
            ),
        ]
        yield Reminder(
            subject=project,
            recipients=Membership.objects.filter(
                project_memberships__project=project, project_memberships__role=ProjectRole.FACILITATOR
            ),
            period=iso_week(today),
            title=f"{project.title}: your week",
            body="\n\n".join(f"{heading}:\n" + "\n".join(f"- {line}" for line in lines) for heading, lines in sections),
            url=reverse("projects:project_detail", args=[project.pk]),
        )


@reminder("need_answers_due", kind="need_answers_due")
def need_answers_due(today: date) -> Iterable[Reminder]:
    """On each school day: whoever answers needs whose answer is overdue (or whose "not now" date has
    come) and the school's leaders hear, one message a person a day (the period is the day)."""

    overdue = list(
        Need.objects.filter(overdue_q(today))
        .order_by("school_id", "answer_due_on", "pk")
        .values("pk", "school_id", "answerer_id", "title", "answer_due_on", "status")
    )
    by_school: dict[int, list[dict]] = {}
    for need in overdue:
        by_school.setdefault(need["school_id"], []).append(need)
    for school_id, needs in by_school.items():
        if not SchoolCalendar(school_id).is_school_day(today):
            continue
        leaders = list(
            Membership.objects.filter(school_id=school_id, role=Role.LEADER, is_active=True).values_list(
                "pk", flat=True
            )
        )
        # Leaders hear of every overdue need of the school; each other answerer of their own.
        per_person: dict[int, list[dict]] = {pk: list(needs) for pk in leaders}
        for need in needs:
            if need["answerer_id"] and need["answerer_id"] not in per_person:
                per_person[need["answerer_id"]] = []
            if need["answerer_id"] and need["answerer_id"] not in leaders:
                per_person[need["answerer_id"]].append(need)
        for member_id, theirs in per_person.items():
            if not theirs:
                continue
            lines = [
                f"- {need['title']}: "
                + (
                    "look at it again today"
                    if need["status"] == "not_now"
                    else f"was due {day_name(need['answer_due_on'])}"
                )
                for need in theirs
            ]
            count = len(theirs)
            yield Reminder(
                subject=f"need-answers:{member_id}",
                recipients=Membership.objects.filter(pk=member_id),
                period=today.isoformat(),
                title=f"{count} need{'s' if count != 1 else ''} waiting for an answer",
                body="Answer each one: take it up as a project, merge it, decline it with a reason, or say "
                "“not now” and when you will look again.\n" + "\n".join(lines),
                url=reverse("projects:needs_to_answer"),
            )
