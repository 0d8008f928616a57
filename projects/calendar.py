"""What projects puts in a person's calendar feed (people.calendar): sessions of their projects, tasks
they own, goals they may see, and when votes they may vote in (or of their projects) close.

No other pupil's name is written here beyond what the person can read on the site: sessions and
votes carry the project's title, tasks and goals their own words (a goal names its pupil only for
the staff who agree it and the pupil's parents, who can open it).
"""

from datetime import date

from django.urls import reverse

from people.calendar.ical import Event
from people.calendar.sources import calendar_source, window_moments
from projects.models import OPEN_TASK_STATUSES, Decision, DecisionStatus, ProjectMembership, Session, Task
from projects.selectors.delivery import goals_for


@calendar_source("sessions")
def session_events(membership, window: tuple[date, date]):
    sessions = (
        Session.objects.filter(
            project__memberships__membership=membership,
            project__school=membership.school_id,
            held_on__range=window,
        )
        .select_related("project")
        .only("held_on", "place", "project__title")
        .distinct()
    )
    for session in sessions:
        yield Event(
            uid=f"session-{session.pk}",
            summary=f"{session.project.title}: session at {session.place}",
            start=session.held_on,
            url=session.get_absolute_url(),
        )


@calendar_source("tasks")
def task_events(membership, window: tuple[date, date]):
    tasks = (
        Task.objects.filter(
            owners=membership,
            project__school=membership.school_id,
            status__in=OPEN_TASK_STATUSES,
            due_on__range=window,
        )
        .select_related("project")
        .only("title", "due_on", "project__title")
    )
    for task in tasks:
        yield Event(
            uid=f"task-{task.pk}",
            summary=f"Task due: {task.title}",
            start=task.due_on,
            url=reverse("projects:task_detail", args=[task.pk]),
            description=task.project.title,
        )


@calendar_source("goals")
def goal_events(membership, window: tuple[date, date]):
    goals = goals_for(membership).filter(due_on__range=window, met_on__isnull=True)
    for goal in goals:
        mine = goal.pupil_id == membership.pk
        whose = "My goal" if mine else f"Goal of {goal.pupil.user.display_name}"
        waiting = "" if goal.is_agreed else f" ({goal.get_status_display().lower()})"
        yield Event(
            uid=f"goal-{goal.pk}",
            summary=f"{whose}: {goal.goal}{waiting}",
            start=goal.due_on,
            url=goal.get_absolute_url(),
        )


@calendar_source("votes")
def vote_events(membership, window: tuple[date, date]):
    start, end = window_moments(window)
    my_projects = set(ProjectMembership.objects.filter(membership=membership).values_list("project", flat=True))
    decisions = (
        Decision.objects.filter(
            project__school=membership.school_id, status=DecisionStatus.OPEN, closes_at__range=(start, end)
        )
        .select_related("project")
        .order_by("closes_at", "pk")
    )
    for decision in decisions:
        in_project = decision.project_id in my_projects
        if not (in_project or decision.admits(membership, in_project=False)):
            continue
        yield Event(
            uid=f"vote-{decision.pk}",
            summary=f"Vote closes: {decision.title}",
            start=decision.closes_at,
            url=reverse("projects:decision_detail", args=[decision.pk]),
            description=decision.project.title,
        )
